/** The time source of every use case; tests drive it by hand. */
export interface Clock {
  now(): Date;
}
export const Clock = Symbol.for('Clock');
