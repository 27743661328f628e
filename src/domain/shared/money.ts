import { DomainError } from './domain-error.js';

/**
 * An amount in minor units of an ISO 4217 currency (cents of EUR, yen of JPY, fils of KWD: see
 * `exponentOf`). Never a float.
 */
export interface Money {
  amount: number;
  currency: string;
}

const byExponent: Record<number, string> = {
  0: 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF',
  2:
    'AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY ' +
    'COP COU ' +
    'CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR ' +
    'JMD KES ' +
    'KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO ' +
    'NOK NPR ' +
    'NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS ' +
    'TMT TOP ' +
    'TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG',
  3: 'BHD IQD JOD KWD LYD OMR TND',
  4: 'CLF UYW',
};
/** Codes ISO 4217 gives no minor unit ("N.A.": precious metals, SDR, testing, no currency): amounts are whole units. */
const withoutMinorUnit = 'XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX';

/**
 * Minor-unit exponent of every active ISO 4217 code (list of 2026: ANG, BGN, CUC, HRK, SLL and
 * ZWL are withdrawn). An amount of `n` minor units is `n / 10^exponent` units of the currency.
 */
export const currencyExponents: ReadonlyMap<string, number> = new Map([
  ...Object.entries(byExponent).flatMap(([exponent, codes]) =>
    codes.split(' ').map((code) => [code, Number(exponent)] as const),
  ),
  ...withoutMinorUnit.split(' ').map((code) => [code, 0] as const),
]);

export const moneyErrors = {
  unknownCurrency: (currency: string) =>
    new DomainError('invalid', 'MONEY_UNKNOWN_CURRENCY', `${currency} is not an ISO 4217 currency code`, {
      currency,
      errors: [{ field: 'currency', message: 'must be an ISO 4217 currency code' }],
    }),
  currencyMismatch: (currencies: string[]) =>
    new DomainError(
      'conflict',
      'MONEY_CURRENCY_MISMATCH',
      `amounts in ${currencies.join(' and ')} cannot be added up`,
      { currencies },
    ),
};

export const isKnownCurrency = (code: string): boolean => currencyExponents.has(code);

/**
 * Digits after the decimal point of `currency` (EUR 2, JPY 0, KWD 3); MONEY_UNKNOWN_CURRENCY for a code ISO 4217 lacks.
 */
export function exponentOf(currency: string): number {
  const exponent = currencyExponents.get(currency);
  if (exponent === undefined) throw moneyErrors.unknownCurrency(currency);
  return exponent;
}

/** `quantity` times `unit` (the price of a line). */
export const times = (unit: Money, quantity: number): Money => ({
  amount: unit.amount * quantity,
  currency: unit.currency,
});

/**
 * The sum of amounts that are all in one currency; null when there is none (no currency to answer
 * in). A mix of currencies is refused (MONEY_CURRENCY_MISMATCH): money is never added across them.
 */
export function sumMoney(amounts: readonly Money[]): Money | null {
  const [first] = amounts;
  if (!first) return null;
  const currencies = [...new Set(amounts.map((m) => m.currency))];
  if (currencies.length > 1) throw moneyErrors.currencyMismatch(currencies);
  return { amount: amounts.reduce((sum, m) => sum + m.amount, 0), currency: first.currency };
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+$)/g, ',');

/**
 * Money for people, the same in every locale: the amount in units with exactly as many decimals as
 * the currency's exponent, `.` before them, `,` between thousands, then the code:
 * `{1000, EUR}` is "10.00 EUR", `{100000, USD}` "1,000.00 USD", `{1500, JPY}` "1,500 JPY",
 * `{1500, KWD}` "1.500 KWD", `{-250, EUR}` "-2.50 EUR". An unknown currency is refused (its
 * exponent would be a guess).
 */
export function formatMoney({ amount, currency }: Money): string {
  const exponent = exponentOf(currency);
  const digits = Math.abs(amount)
    .toString()
    .padStart(exponent + 1, '0');
  const units = groupThousands(digits.slice(0, digits.length - exponent));
  const decimals = exponent > 0 ? `.${digits.slice(-exponent)}` : '';
  return `${amount < 0 ? '-' : ''}${units}${decimals} ${currency}`;
}
