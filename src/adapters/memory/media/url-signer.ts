import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over a list of fields, as URL-safe base64; verification in constant time. */
export class UrlSigner {
  constructor(private readonly key: Buffer) {}

  sign(fields: readonly string[]): string {
    return createHmac('sha256', this.key).update(fields.join('\n')).digest('base64url');
  }

  verify(fields: readonly string[], signature: string): boolean {
    const expected = Buffer.from(this.sign(fields));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
