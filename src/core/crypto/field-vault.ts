import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

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
  private readonly macKeys = new Map<string, Buffer>();

  constructor(private readonly keys: readonly VaultKey[]) {
    if (keys.length === 0) throw new Error('FieldVault needs at least one key');
    this.byId = new Map(keys.map((entry) => [entry.id, entry.key]));
  }

  /** True while the ring holds the key `id`. */
  hasKey(id: string): boolean {
    return this.byId.has(id);
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

  /**
   * A keyed digest of `data` for `purpose` (HMAC-SHA-256, 128 bits kept, base64url), under the key
   * `keyId` of the ring (the active one by default); null when the ring no longer holds that key.
   * Each key and purpose has a MAC key of its own, derived with HKDF, so a digest is never computed
   * with the encryption key itself and one purpose's digests never match another's. A digest made
   * under an older key still verifies while that key is in the ring, and is re-made under the active
   * one by whoever rotates (LAW-DENUNC-12: the declared name's digest follows the identity's key).
   */
  mac(purpose: string, data: string, keyId: string = this.activeKeyId): string | null {
    const cacheKey = `${keyId}\u0000${purpose}`;
    let macKey = this.macKeys.get(cacheKey);
    if (!macKey) {
      const key = this.byId.get(keyId);
      if (!key) return null;
      macKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `tiengdan mac ${purpose}`, 32));
      this.macKeys.set(cacheKey, macKey);
    }
    return createHmac('sha256', macKey).update(data, 'utf8').digest().subarray(0, 16).toString('base64url');
  }

  rotate(sealed: string, context: string): string {
    return this.needsRotation(sealed) ? this.seal(this.open(sealed, context), context) : sealed;
  }
}
