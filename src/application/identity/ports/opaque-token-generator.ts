/** Makes unguessable opaque tokens (refresh tokens) and the hash under which they are stored. */
export interface OpaqueTokenGenerator {
  generate(): string;
  hash(token: string): string;
}
export const OpaqueTokenGenerator = Symbol.for('OpaqueTokenGenerator');
