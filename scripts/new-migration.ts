// `npm run new-migration -- <module-folder> <what>`: create a timestamp-named, portable migration file.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder, what] = process.argv.slice(2);
if (!folder || !what || !/^[a-z0-9-]+$/.test(what)) {
  console.error('usage: npm run new-migration -- src/modules/<module>/db/migrations <what-in-kebab-case>');
  process.exit(1);
}
const now = new Date();
const pad = (value: number) => String(value).padStart(2, '0');
const stamp = `${now.getUTCFullYear()}${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}T${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}`;
const moduleName = folder.split('/').find((part, index, parts) => parts[index - 1] === 'modules' || parts[index - 1] === 'core') ?? 'app';
mkdirSync(folder, { recursive: true });
const file = join(folder, `${stamp}-${moduleName}-${what}.ts`);
if (existsSync(file)) throw new Error(`${file} exists`);
writeFileSync(
  file,
  `import type { Kysely } from 'kysely';
import { dialectOf } from '../../../core/db/columns.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = await dialectOf(db);
  void dialect;
}
`,
);
console.log(file);
