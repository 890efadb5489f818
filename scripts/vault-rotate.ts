// `npm run vault:rotate`: after prepending a new key to FIELD_ENCRYPTION_KEYS, re-seal every sealed
// identity with it (LAW-DENUNC-11) and re-make every declared name's digest under it (LAW-DENUNC-12;
// the hourly job `cases.backfill-sealed-name-digest` does the same). Prints counts only; when both
// report nothing left, the old key can be removed.
import { loadConfig } from '../src/core/config/config.js';
import { backfillSealedNameDigests, resealSealedIdentities } from '../src/modules/cases/server/index.js';
import { createAppContext } from '../src/server/app.js';

const handle = await createAppContext(loadConfig());
try {
  const results = await resealSealedIdentities(handle.ctx);
  if (results.length === 0) console.log('Every sealed identity already uses the active key.');
  for (const result of results) console.log(`commune ${result.communeId}: ${result.resealed} sealed identities re-sealed with the active key`);
  let digests = 0;
  for (let more = true; more; ) {
    const run = await backfillSealedNameDigests(handle.ctx);
    digests += run.filled;
    more = run.hasMore;
  }
  console.log(`${digests} declared-name digests made under the active key.`);
} finally {
  await handle.close();
}
