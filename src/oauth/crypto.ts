import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { LightsOutError } from '../errors.js';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Tokens at rest: AES-256-GCM with a fresh 96-bit IV per write. The installation key is the additional
 * authenticated data, so a sealed value copied onto another workspace's row does not open.
 * Format: `v1.<base64url(iv | tag | ciphertext)>`.
 */
export function seal(key: Buffer, aad: string, plaintext: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function open(key: Buffer, aad: string, sealed: string): string {
  const [version, payload] = sealed.split('.', 2);
  try {
    if (version !== VERSION || !payload) throw new Error(`unknown format ${version}`);
    const bytes = Buffer.from(payload, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new LightsOutError(
      'installation_unreadable',
      `The stored installation ${aad} cannot be decrypted: TOKEN_ENCRYPTION_KEY is not the key it was written with, or the row was altered.`,
      { cause: error },
    );
  }
}
