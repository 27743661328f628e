import { describe, expect, it } from 'vitest';
import {
  currencyExponents,
  exponentOf,
  formatMoney,
  isKnownCurrency,
  sumMoney,
  times,
  type Money,
} from '../../../src/domain/shared/money.js';
import { codeOf } from '../../support/domain-errors.js';

const eur = (amount: number): Money => ({ amount, currency: 'EUR' });

describe('money by ISO 4217 exponent', () => {
  it.each([
    ['EUR', 2, 'USD', 2],
    ['JPY', 0, 'KRW', 0],
    ['CLP', 0, 'ISK', 0],
    ['KWD', 3, 'BHD', 3],
    ['JOD', 3, 'OMR', 3],
    ['TND', 3, 'IQD', 3],
    ['LYD', 3, 'CLF', 4],
    ['XAU', 0, 'XXX', 0],
  ])('%s has %i decimals, %s %i', (a, ea, b, eb) => {
    expect([exponentOf(a), exponentOf(b)]).toEqual([ea, eb]);
  });

  it('knows every active code (each tender currency the runtime knows but the withdrawn ones), and nothing else', () => {
    const withdrawn = ['ANG', 'BGN', 'CUC', 'HRK', 'SLL', 'ZWL'];
    expect(
      Intl.supportedValuesOf('currency').filter((code) => !isKnownCurrency(code) && !withdrawn.includes(code)),
    ).toEqual([]);
    expect(withdrawn.some(isKnownCurrency)).toBe(false);
    expect(currencyExponents.size).toBe(177);
    expect(['EUR', 'JPY', 'KWD', 'XCG', 'ZWG', 'VED'].every(isKnownCurrency)).toBe(true);
    for (const code of ['eur', 'ABC', 'EU', 'EURO', '']) expect(isKnownCurrency(code), code).toBe(false);
    expect(codeOf(() => exponentOf('ABC'))).toBe('MONEY_UNKNOWN_CURRENCY');
  });

  it.each([
    [{ amount: 1_000, currency: 'EUR' }, '10.00 EUR'],
    [{ amount: 5, currency: 'EUR' }, '0.05 EUR'],
    [{ amount: 0, currency: 'EUR' }, '0.00 EUR'],
    [{ amount: 100_000, currency: 'USD' }, '1,000.00 USD'],
    [{ amount: 123_456_789, currency: 'EUR' }, '1,234,567.89 EUR'],
    [{ amount: -250, currency: 'EUR' }, '-2.50 EUR'],
    [{ amount: 100, currency: 'JPY' }, '100 JPY'],
    [{ amount: 1_500, currency: 'JPY' }, '1,500 JPY'],
    [{ amount: 0, currency: 'JPY' }, '0 JPY'],
    [{ amount: 1_500, currency: 'KWD' }, '1.500 KWD'],
    [{ amount: 7, currency: 'KWD' }, '0.007 KWD'],
    [{ amount: 1_234_567, currency: 'KWD' }, '1,234.567 KWD'],
    [{ amount: 12_345, currency: 'CLF' }, '1.2345 CLF'],
  ])('formats %o as %s', (money, text) => {
    expect(formatMoney(money)).toBe(text);
  });

  it('refuses to format a currency it does not know (the exponent would be a guess)', () => {
    expect(codeOf(() => formatMoney({ amount: 100, currency: 'ABC' }))).toBe('MONEY_UNKNOWN_CURRENCY');
  });

  it.each([
    [[eur(1_000), eur(250)], eur(1_250)],
    [
      [
        { amount: 100, currency: 'JPY' },
        { amount: 1_500, currency: 'JPY' },
      ],
      { amount: 1_600, currency: 'JPY' },
    ],
    [
      [
        { amount: 1_500, currency: 'KWD' },
        { amount: 1, currency: 'KWD' },
      ],
      { amount: 1_501, currency: 'KWD' },
    ],
    [[times(eur(250), 3)], eur(750)],
    [[], null],
  ])('sums %o in their one currency', (amounts, total) => {
    expect(sumMoney(amounts)).toEqual(total);
  });

  it.each([
    [
      [
        { amount: 100, currency: 'JPY' },
        { amount: 100_000, currency: 'USD' },
      ],
    ],
    [[eur(1), eur(2), { amount: 3, currency: 'KWD' }]],
  ])('refuses to add up %o (MONEY_CURRENCY_MISMATCH)', (amounts) => {
    expect(codeOf(() => sumMoney(amounts))).toBe('MONEY_CURRENCY_MISMATCH');
  });
});
