/**
 * Binary object storage (attachments). The interface is what an S3-compatible store would offer, so a
 * deployment can swap the local-disk implementation without touching callers.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';

export interface StoredBlob {
  bytes: Buffer;
  contentType: string;
}

export interface BlobStorage {
  /** Store bytes under key (overwrites). Keys are `/`-separated, e.g. `cases/<commune>/<id>`. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The blob, or null when the key is unknown. */
  get(key: string): Promise<StoredBlob | null>;
  /** Remove the blob; deleting an unknown key is not an error. */
  delete(key: string): Promise<void>;
}

const KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*(\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

/** Refuse keys that could escape the root (`..`, absolute paths) — keys are built by code, never users. */
export function assertValidBlobKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.')) throw new Error(`Invalid blob key ${key}`);
}

/**
 * Local-disk storage under `rootDir`. Writes go to a temp file in the same folder and are renamed
 * into place, so a crash never leaves a half-written blob under the final key. The content type is
 * kept in a small sidecar file.
 */
export function createLocalBlobStorage(rootDir: string): BlobStorage {
  const root = resolve(rootDir);
  const pathOf = (key: string): string => {
    assertValidBlobKey(key);
    const path = resolve(join(root, key));
    if (!path.startsWith(root + sep)) throw new Error(`Invalid blob key ${key}`);
    return path;
  };
  const atomicWrite = async (path: string, data: Buffer | string): Promise<void> => {
    const temporary = `${path}.tmp-${randomBytes(6).toString('hex')}`;
    await writeFile(temporary, data, { flag: 'wx' });
    try {
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  };
  return {
    async put(key, bytes, contentType) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      await atomicWrite(`${path}.type`, contentType);
      await atomicWrite(path, bytes);
    },
    async get(key) {
      const path = pathOf(key);
      try {
        const [bytes, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, 'utf8').catch(() => 'application/octet-stream')]);
        return { bytes, contentType };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      await rm(`${path}.type`, { force: true });
    },
  };
}
