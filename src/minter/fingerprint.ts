import { createHash } from 'node:crypto';

/**
 * A short, stable name for a key, to tell which key signed the tokens without revealing it:
 * 64 bits of a domain-separated SHA-256. Keys are at least 32 random bytes, so the hash cannot
 * be searched back to the key.
 */
export function keyFingerprint(key: Uint8Array): string {
  return createHash('sha256').update('rasa-socketio-jwt key fingerprint\0').update(key).digest('hex').slice(0, 16);
}
