import { closeSync, fdatasync, fstatSync, fsyncSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export interface WalSyncer {
  /**
   * fdatasync the database's WAL file on libuv's thread pool: every frame written before the call
   * is on disk when it resolves. fdatasync, as SQLite itself uses: it flushes the data and the file
   * size, and skips only timestamps, so it does not force a file-system journal commit per batch.
   */
  sync(): Promise<void>;
  close(): void;
}

/**
 * Syncs an SQLite database's write-ahead log from outside SQLite, so that the group commit can let
 * SQLite commit a batch without its own fsync (synchronous=NORMAL for that one commit) and still
 * tell no caller before the commit is on disk (see group-commit.ts). On Linux fdatasync flushes the
 * file, whichever descriptor wrote it. If the WAL file is replaced (all connections closed and
 * reopened), the new file is opened and its directory entry synced once.
 */
export function walSyncer(databaseFile: string): WalSyncer {
  const walFile = `${databaseFile}-wal`;
  let descriptor: number | undefined;
  let inode: number | undefined;

  function currentDescriptor(): number {
    const stats = statSync(walFile);
    if (descriptor !== undefined && stats.ino === inode) return descriptor;
    if (descriptor !== undefined) closeSync(descriptor);
    descriptor = openSync(walFile, 'r');
    inode = fstatSync(descriptor).ino;
    // A new file: its name must survive a power loss too.
    const directory = openSync(dirname(walFile), 'r');
    try {
      fsyncSync(directory);
    } finally {
      closeSync(directory);
    }
    return descriptor;
  }

  return {
    sync: () =>
      new Promise<void>((resolve, reject) => {
        let target: number;
        try {
          target = currentDescriptor();
        } catch (error) {
          reject(error);
          return;
        }
        fdatasync(target, (error) => (error ? reject(error) : resolve()));
      }),
    close: () => {
      if (descriptor !== undefined) closeSync(descriptor);
      descriptor = undefined;
    },
  };
}
