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
