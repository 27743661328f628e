import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { unknownFields } from '../../../src/adapters/http/unknown-fields.js';

const money = z.object({ amount: z.number(), currency: z.string() });
const order = z.object({
  note: z.string().optional(),
  price: money,
  lines: z.array(z.object({ sku: z.string() })).default([]),
  tags: z.record(z.string(), z.object({ weight: z.number() })).optional(),
  either: z.union([z.string(), z.object({ code: z.string() })]).optional(),
  strictPart: z.object({ a: z.string() }).strict().optional(),
  shipping: z.object({ city: z.string() }).nullable().optional(),
  count: z.string().transform(Number).pipe(z.number()).optional(),
});

describe('unknownFields', () => {
  it('finds none in a value that only uses declared fields', () => {
    const value = { price: { amount: 1, currency: 'EUR' }, lines: [{ sku: 'a' }], either: { code: 'x' }, count: '2' };
    expect(unknownFields(order, value, 'body')).toEqual([]);
  });

  it('names unknown fields at any depth: objects, arrays, records, unions, strict, nullable and wrapped ones', () => {
    const value = {
      extra: 1,
      price: { amount: 1, currency: 'EUR', cents: true },
      lines: [{ sku: 'a' }, { sku: 'b', colour: 'red' }],
      tags: { heavy: { weight: 2, unit: 'kg' } },
      either: { code: 'x', why: 'y' },
      strictPart: { a: 'a', b: 'b' },
      shipping: { city: 'Paris', floor: 3 },
    };
    expect(unknownFields(order, value, 'body').sort()).toEqual(
      [
        'body.extra',
        'body.price.cents',
        'body.lines.1.colour',
        'body.tags.heavy.unit',
        'body.either.why',
        'body.strictPart.b',
        'body.shipping.floor',
      ].sort(),
    );
  });

  it('lets free-form keys through where the schema declares them (catchall), but looks inside them', () => {
    const search = z.object({ q: z.string().optional() }).catchall(z.string());
    expect(unknownFields(search, { q: 'bike', 'attr.color': 'red' }, 'query')).toEqual([]);
    const loose = z.object({}).catchall(z.object({ x: z.number() }));
    expect(unknownFields(loose, { any: { x: 1, y: 2 } }, 'body')).toEqual(['body.any.y']);
  });

  it('without a schema, every field is unknown', () => {
    expect(unknownFields(undefined, { a: 1, b: 2 }, 'query')).toEqual(['query.a', 'query.b']);
    expect(unknownFields(undefined, undefined, 'body')).toEqual([]);
    expect(unknownFields(undefined, {}, 'body')).toEqual([]);
  });
});
