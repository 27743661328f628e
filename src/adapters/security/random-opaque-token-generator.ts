import { createHash, randomBytes } from 'node:crypto';
import type { OpaqueTokenGenerator } from '../../application/identity/ports/opaque-token-generator.js';

/** 256 random bits, base64url; stored as a SHA-256 hash (the token itself is high-entropy, so no salt is needed). */
export class RandomOpaqueTokenGenerator implements OpaqueTokenGenerator {
  generate(): string {
    return randomBytes(32).toString('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('base64url');
  }
}
