/** A currency's minor-unit exponent, which Intl knows: 2 for EUR, 0 for JPY, 3 for KWD. */
function exponentOf(currency) {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits;
}

/** Money as the API gives it, { amount: minor units, currency }: 12345 EUR reads €123.45, 12345 JPY reads ¥12,345. */
export function formatMoney(money) {
  if (!money) return '';
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency });
  return format.format(money.amount / 10 ** exponentOf(money.currency));
}

/** What a user types (12.50) in minor units (1250). */
export function toMinorUnits(text, currency) {
  return Math.round(Number(text) * 10 ** exponentOf(currency));
}

/** Minor units as a user would type them (1250 EUR: "12.50"). */
export function fromMinorUnits(amount, currency) {
  const exponent = exponentOf(currency);
  return (amount / 10 ** exponent).toFixed(exponent);
}

export function formatDate(iso) {
  return iso ? new Date(iso).toLocaleString('en') : '';
}

/** "2:05" left until `iso`, "ended" once past. */
export function countdown(iso, now = Date.now()) {
  const seconds = Math.max(0, Math.round((new Date(iso).getTime() - now) / 1000));
  if (seconds === 0) return 'ended';
  const minutes = Math.floor(seconds / 60);
  const mmss = `${minutes % 60}:${String(seconds % 60).padStart(2, '0')}`;
  return minutes >= 60 ? `${Math.floor(minutes / 60)}:${mmss.padStart(5, '0')}` : mmss;
}
