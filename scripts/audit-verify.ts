// `npm run audit:verify`: walk each commune's audit chain and name the first broken row.
import { verifyAuditChain } from '../src/core/audit/audit-log.js';
import { loadConfig } from '../src/core/config/config.js';
import { openDatabase } from '../src/core/db/database.js';

const config = loadConfig();
const database = openDatabase(config.database);
let isBroken = false;
try {
  const results = await verifyAuditChain(database.db);
  if (results.length === 0) console.log('The audit log is empty.');
  for (const result of results) {
    if (result.firstBroken) {
      isBroken = true;
      console.log(`commune ${result.communeId}: BROKEN at row #${result.firstBroken.sequence} (id ${result.firstBroken.id}): ${result.firstBroken.reason}`);
    } else {
      console.log(`commune ${result.communeId}: ${result.rows} rows, chain intact`);
    }
  }
} finally {
  await database.close();
}
process.exit(isBroken ? 2 : 0);
