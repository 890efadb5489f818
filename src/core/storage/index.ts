import { join } from 'node:path';
import type { AppContext } from '../context.js';
import type { ModuleDescriptor } from '../module.js';
import { createLocalBlobStorage, type BlobStorage } from './blob-storage.js';

export { assertValidBlobKey, createLocalBlobStorage, type BlobStorage, type StoredBlob } from './blob-storage.js';

export const STORAGE_SERVICE = 'storage';

/** The context's blob storage, providing the local-disk one under DATA_DIR/attachments on first use. */
export function blobStorageOf(ctx: AppContext): BlobStorage {
  try {
    return ctx.services.get<BlobStorage>(STORAGE_SERVICE);
  } catch {
    const storage = createLocalBlobStorage(join(ctx.config.dataDir, 'attachments'));
    ctx.services.provide(STORAGE_SERVICE, storage);
    return storage;
  }
}

/** Provides `ctx.services.get<BlobStorage>('storage')` (local disk today, object storage later). */
export const storageModule: ModuleDescriptor = {
  name: 'storage',
  init: (ctx) => {
    blobStorageOf(ctx);
  },
};
