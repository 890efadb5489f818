import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocalBlobStorage } from './blob-storage.js';

describe('local blob storage', () => {
  it('puts, gets and deletes blobs atomically, leaving no temp files', async () => {
    const root = await mkdtemp(join(tmpdir(), 'blobs-'));
    const storage = createLocalBlobStorage(root);
    await storage.put('cases/c1/a1', Buffer.from('hello'), 'text/plain');
    expect(await storage.get('cases/c1/a1')).toEqual({ bytes: Buffer.from('hello'), contentType: 'text/plain' });
    expect((await readdir(join(root, 'cases/c1'))).filter((name) => name.includes('.tmp-'))).toEqual([]);
    await storage.delete('cases/c1/a1');
    expect(await storage.get('cases/c1/a1')).toBeNull();
    await storage.delete('cases/c1/missing');
  });

  it('refuses keys that could escape the root', async () => {
    const storage = createLocalBlobStorage(await mkdtemp(join(tmpdir(), 'blobs-')));
    await expect(storage.put('../evil', Buffer.from('x'), 'text/plain')).rejects.toThrow(/Invalid blob key/);
    await expect(storage.get('/etc/passwd')).rejects.toThrow(/Invalid blob key/);
  });
});
