import type { IdGenerator } from '../../../application/shared/ports/id-generator.js';

/** Predictable ids (`id-1`, `id-2`...) for tests. */
export class SequentialIdGenerator implements IdGenerator {
  private counter = 0;

  constructor(private readonly prefix = 'id') {}

  next(): string {
    this.counter += 1;
    return `${this.prefix}-${this.counter}`;
  }
}
