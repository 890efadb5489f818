import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, defaultSqliteCacheMb, loadConfig } from './config.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'td-config-'));

describe('loadConfig', () => {
  it('defaults to embedded SQLite under DATA_DIR and generates secrets there once', () => {
    const dataDir = tempDir();
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.database).toEqual({ dialect: 'sqlite', file: join(dataDir, 'tiengdan.db'), cacheMb: defaultSqliteCacheMb(totalmem()) });
    expect(first.port).toBe(3000);
    expect(first.runWorker).toBe(true);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.sessionSecret).toBe(first.sessionSecret);
    expect(JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).sessionSecret).toBe(first.sessionSecret);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('sizes the SQLite page cache at a quarter of the memory, at least 64 MiB, unless SQLITE_CACHE_MB says otherwise', () => {
    expect(defaultSqliteCacheMb(24 * 2 ** 30)).toBe(6144);
    expect(defaultSqliteCacheMb(128 * 2 ** 20)).toBe(64);
    expect(loadConfig({ DATA_DIR: tempDir(), SQLITE_CACHE_MB: '512' }).database).toMatchObject({ dialect: 'sqlite', cacheMb: 512 });
    expect(() => loadConfig({ DATA_DIR: tempDir(), SQLITE_CACHE_MB: 'lots' })).toThrow(ConfigError);
  });

  it('builds links on the port it listens on unless PUBLIC_URL says otherwise', () => {
    const dataDir = tempDir();
    expect(loadConfig({ DATA_DIR: dataDir }).publicUrl).toBe('http://localhost:3000');
    const onPort = loadConfig({ DATA_DIR: dataDir, PORT: '8080' });
    expect(onPort.publicUrl).toBe('http://localhost:8080');
    expect(onPort.isSecureCookies).toBe(false);
    const behindProxy = loadConfig({ DATA_DIR: dataDir, PORT: '8080', PUBLIC_URL: 'https://tiengdan.nhuquynh.gov.vn/' });
    expect(behindProxy.publicUrl).toBe('https://tiengdan.nhuquynh.gov.vn');
    expect(behindProxy.isSecureCookies).toBe(true);
  });

  it('selects PostgreSQL from DATABASE_URL and runs no worker in the web process by default', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), DATABASE_URL: 'postgres://u@localhost/db' });
    expect(config.database.dialect).toBe('postgres');
    expect(config.runWorker).toBe(false);
  });

  it('keeps expired tokens 7 days before purging them unless EXPIRED_TOKEN_GRACE_DAYS says otherwise', () => {
    expect(loadConfig({ DATA_DIR: tempDir() }).expiredTokenGraceDays).toBe(7);
    expect(loadConfig({ DATA_DIR: tempDir(), EXPIRED_TOKEN_GRACE_DAYS: '0' }).expiredTokenGraceDays).toBe(0);
    expect(loadConfig({ DATA_DIR: tempDir(), EXPIRED_TOKEN_GRACE_DAYS: '30' }).expiredTokenGraceDays).toBe(30);
    expect(() => loadConfig({ DATA_DIR: tempDir(), EXPIRED_TOKEN_GRACE_DAYS: '-1' })).toThrow(/EXPIRED_TOKEN_GRACE_DAYS/);
    expect(() => loadConfig({ DATA_DIR: tempDir(), EXPIRED_TOKEN_GRACE_DAYS: 'week' })).toThrow(/EXPIRED_TOKEN_GRACE_DAYS/);
  });

  it('treats a variable set to nothing as unset: its default, not a number coerced from an empty string', () => {
    const config = loadConfig({ DATA_DIR: tempDir(), EXPIRED_TOKEN_GRACE_DAYS: '', PORT: '', SMTP_URL: '' });
    expect(config.expiredTokenGraceDays).toBe(7);
    expect(config.port).toBe(3000);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ DATA_DIR: tempDir(), PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as ConfigError).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('LOG_LEVEL');
    }
  });

  it('requires explicit secrets in production', () => {
    expect(() => loadConfig({ DATA_DIR: tempDir(), NODE_ENV: 'production' })).toThrow(/SESSION_SECRET.*\n.*FIELD_ENCRYPTION_KEYS/s);
  });

  it('stops the server with exit code 1 and the variable named', () => {
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { env: { ...process.env, PORT: '-1', DATA_DIR: tempDir() }, stdio: 'pipe', timeout: 60_000 });
    } catch (error) {
      status = (error as { status: number }).status;
      stderr = String((error as { stderr: Buffer }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('PORT');
  }, 60_000);
});
