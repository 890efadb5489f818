import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface VaultKey {
  id: string;
  key: Buffer;
}

/**
 * Authenticated field encryption (AES-256-GCM) for sealed data such as a denouncer's identity.
 * Ciphertext format: `v1.<keyId>.<iv>.<tag>.<data>` (base64url parts). The first key of the ring
 * encrypts; every key decrypts, so keys rotate by prepending a new one and re-encrypting at leisure.
 * `context` (e.g. the case id) is bound as additional data: a sealed value copied onto another
 * record fails to decrypt.
 */
export class FieldVault {
  private readonly byId: Map<string, Buffer>;

  constructor(private readonly keys: readonly VaultKey[]) {
    if (keys.length === 0) throw new Error('FieldVault needs at least one key');
    this.byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  get activeKeyId(): string {
    return this.keys[0]!.id;
  }

  seal(plaintext: string, context: string): string {
    const { id, key } = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', id, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string, context: string): string {
    const [version, keyId, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || data === undefined) throw new Error('Not a sealed value');
    const key = this.byId.get(keyId);
    if (!key) throw new Error(`Unknown vault key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[1] !== this.activeKeyId;
  }

  rotate(sealed: string, context: string): string {
    return this.needsRotation(sealed) ? this.seal(this.open(sealed, context), context) : sealed;
  }
}
