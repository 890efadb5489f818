// `npm run seed`: migrate, then seed the demo commune (Như Quỳnh) if the database is empty.
import { loadConfig } from '../src/core/config/config.js';
import { createAppContext, seedDemoIfEmpty } from '../src/server/app.js';

const handle = await createAppContext(loadConfig());
try {
  const seeded = await seedDemoIfEmpty(handle.ctx, handle.modules);
  console.log(seeded ? 'Demo commune seeded.' : 'The database already has a commune; nothing seeded.');
} finally {
  await handle.close();
}
