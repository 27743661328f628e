export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(password: string, hash: string): Promise<boolean>;
}
export const PasswordHasher = Symbol.for('PasswordHasher');
