import { describe, expect, it } from 'vitest';
import { antiSnipingSecondsFor, demoLot, lotAttributes, lotNumberOf } from '../../../src/adapters/demo/auction-lots.js';
import type { AttributeDefinition } from '../../../src/domain/catalog/attributes.js';

const definitions: AttributeDefinition[] = [
  { key: 'era', label: 'Era', type: 'enum', required: true, options: ['1950s', '1960s'] },
  { key: 'year', label: 'Year', type: 'number', required: true, min: 1900, max: 2030 },
  { key: 'pieces', label: 'Pieces', type: 'number', required: true },
  { key: 'signed', label: 'Signed', type: 'boolean', required: true },
  { key: 'maker', label: 'Maker', type: 'string', required: true },
  { key: 'notes', label: 'Notes', type: 'string', required: false },
];

describe('demo lots', () => {
  it('fill every required attribute of the category with a valid value, and only those', () => {
    expect(lotAttributes(definitions, 'Leica')).toEqual({
      era: '1950s',
      year: 1900,
      pieces: 1,
      signed: true,
      maker: 'Leica',
    });
  });

  it('give a numbered one-unit listing and consistent terms', () => {
    for (const roll of [0, 0.2, 0.5, 0.999]) {
      const { listing, terms } = demoLot(7, 'cat', definitions, 180, () => roll);
      expect(listing).toMatchObject({ categoryId: 'cat', quantity: 1, label: 'Lot 7' });
      expect(listing.colour).toMatch(/^#[0-9a-f]{6}$/);
      expect(lotNumberOf(listing.title)).toBe(7);
      const { startingPrice, minIncrement, reservePrice, buyItNowPrice } = terms;
      expect(startingPrice.amount).toBeGreaterThanOrEqual(2_000);
      expect([100, 200]).toContain(minIncrement.amount);
      if (reservePrice) expect(reservePrice.amount).toBeGreaterThanOrEqual(startingPrice.amount);
      if (buyItNowPrice) expect(buyItNowPrice.amount).toBeGreaterThanOrEqual(reservePrice?.amount ?? 0);
    }
    expect(demoLot(7, 'cat', [], 180, () => 0).terms).toMatchObject({ reservePrice: {}, buyItNowPrice: {} });
    expect(demoLot(7, 'cat', [], 180, () => 0.99).terms.reservePrice).toBeUndefined();
  });

  it('keep the anti-sniping window at 30 s, or under a third of a shorter auction', () => {
    expect(antiSnipingSecondsFor(180)).toBe(30);
    expect(antiSnipingSecondsFor(60)).toBe(19);
    expect(antiSnipingSecondsFor(3)).toBe(1);
  });

  it('read the lot number of a demo title only', () => {
    expect(lotNumberOf('M3 rangefinder camera (Lot 12)')).toBe(12);
    expect(lotNumberOf('Road bike')).toBeNull();
  });
});
