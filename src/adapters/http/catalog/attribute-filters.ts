import type { AttributeFilter } from '../../../application/catalog/ports/listing-repository.js';
import { attributeKeySource, type AttributeValue } from '../../../domain/catalog/attributes.js';
import { InvalidRequest, type RequestFieldError } from '../invalid-request.js';

const attributeParam = new RegExp(`^attr\\.(${attributeKeySource})(?:\\.(min|max))?$`);

/** `attr.color=red` may mean the string, `attr.used=true` the boolean, `attr.size=42` the number. */
function candidates(raw: string): AttributeValue[] {
  const values: AttributeValue[] = [raw];
  if (raw === 'true' || raw === 'false') values.push(raw === 'true');
  if (raw.trim() !== '' && Number.isFinite(Number(raw))) values.push(Number(raw));
  return values;
}

/** The attribute parameters, for the search's OpenAPI entry (a query schema cannot name a family of parameters). */
export const attributeFiltersDescription = [
  "Besides the parameters below, filters on the attributes of the listings' category:",
  '- `attr.<key>=<value>`: equality (`attr.color=red`; `true`/`false` and numbers also match booleans and numbers);',
  '- `attr.<key>.min=<number>`, `attr.<key>.max=<number>`: a range on a number attribute (`attr.size.min=40`).',
  '',
  '`<key>` is an attribute key of the category (GET /categories/{id}: `attributes[].key`). Any other parameter,',
  'or a bound that is not a number, is 400 VALIDATION_FAILED naming it (`query.<name>`).',
].join('\n');

/**
 * Reads `attr.<key>=<value>` and `attr.<key>.min|max=<number>` from the query string; any other
 * unknown parameter is a 400 naming it.
 */
export function attributeFilters(extra: Record<string, string>): AttributeFilter[] {
  const ranges = new Map<string, { min?: number; max?: number }>();
  const filters: AttributeFilter[] = [];
  const errors: RequestFieldError[] = [];
  for (const [name, raw] of Object.entries(extra)) {
    const match = attributeParam.exec(name);
    if (!match) {
      errors.push({ path: `query.${name}`, message: 'unknown parameter' });
      continue;
    }
    const [, key, bound] = match as unknown as [string, string, 'min' | 'max' | undefined];
    if (!bound) {
      filters.push({ key, anyOf: candidates(raw) });
      continue;
    }
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value))
      errors.push({ path: `query.${name}`, message: 'expected a number' });
    else ranges.set(key, { ...ranges.get(key), [bound]: value });
  }
  if (errors.length > 0) throw new InvalidRequest(errors);
  return [...filters, ...[...ranges].map(([key, range]) => ({ key, ...range }))];
}
