// `npm run vault:rotate`: after prepending a new key to FIELD_ENCRYPTION_KEYS, re-seal every sealed
// identity with it. Prints counts only; when it reports 0 left, the old key can be removed.
import { loadConfig } from '../src/core/config/config.js';
import { resealSealedIdentities } from '../src/modules/cases/server/index.js';
import { createAppContext } from '../src/server/app.js';

const handle = await createAppContext(loadConfig());
try {
  const results = await resealSealedIdentities(handle.ctx);
  if (results.length === 0) console.log('Every sealed identity already uses the active key.');
  for (const result of results) console.log(`commune ${result.communeId}: ${result.resealed} sealed identities re-sealed with the active key`);
} finally {
  await handle.close();
}
