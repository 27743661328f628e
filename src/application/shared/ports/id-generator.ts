/** Makes opaque unique ids for new entities and events. */
export interface IdGenerator {
  next(): string;
}
export const IdGenerator = Symbol.for('IdGenerator');
