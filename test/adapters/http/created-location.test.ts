import { describe, expect, it } from 'vitest';
import { assertLocationDeclared, resourcePath } from '../../../src/adapters/http/created-location.js';

describe('created-location', () => {
  it('builds a resource path from percent-encoded segments', () => {
    expect(resourcePath('listings', 'l1')).toBe('/listings/l1');
    expect(resourcePath('users', 'me', 'devices', 'a/b c')).toBe('/users/me/devices/a%2Fb%20c');
  });

  it.each([undefined, '', 42])('refuses a missing or non-string segment (%s): a bug of the route', (segment) => {
    expect(() => resourcePath('orders', segment)).toThrow(/bad segment/);
  });

  it('refuses, at declaration, a route that answers 201 without a location', () => {
    expect(() => assertLocationDeclared('POST /things', [201, 400], undefined)).toThrow(/POST \/things/);
    expect(() => assertLocationDeclared('POST /things', [201], () => '/things/1')).not.toThrow();
    expect(() => assertLocationDeclared('POST /things/:id/do', [200, 404], undefined)).not.toThrow();
  });
});
