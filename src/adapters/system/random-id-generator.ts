import { randomUUID } from 'node:crypto';
import type { IdGenerator } from '../../application/shared/ports/id-generator.js';

/** UUID v4 ids: opaque to clients, unique across instances without coordination. */
export class RandomIdGenerator implements IdGenerator {
  next(): string {
    return randomUUID();
  }
}
