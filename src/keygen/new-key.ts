import { randomBytes } from 'node:crypto';

/**
 * A new JWT key: 32 random bytes, hex-encoded (64 characters of text, which Rasa reads from an
 * environment variable): as long as HS512 needs, and 256 bits of entropy. The key generator Job
 * and `rasa-socketio-jwt rotate` make keys here.
 */
export function newJwtKey(): string {
  return randomBytes(32).toString('hex');
}
