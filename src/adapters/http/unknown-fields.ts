import type { ZodType } from 'zod';

/** The parts of a zod definition the walk reads (zod 4's `_zod.def`). */
interface Definition {
  type: string;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  innerType?: ZodType;
  in?: ZodType;
  element?: ZodType;
  options?: ZodType[];
  valueType?: ZodType;
  getter?: () => ZodType;
}

const definitionOf = (schema: ZodType) => (schema as unknown as { _zod: { def: Definition } })._zod.def;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The schema of an object's other keys, unless it refuses them (`.strict()`: never). */
const freeForm = (catchall: ZodType | undefined) =>
  catchall && definitionOf(catchall).type !== 'never' ? catchall : undefined;

/** The schema inside a wrapper (optional, nullable, default, readonly, lazy, a pipe's input...), or undefined. */
function innerOf(def: Definition): ZodType | undefined {
  return def.innerType ?? def.in ?? def.getter?.();
}

function walk(schema: ZodType, value: unknown, path: string, found: string[]): void {
  const def = definitionOf(schema);
  if (def.type === 'object' && isRecord(value)) {
    for (const [key, field] of Object.entries(value)) {
      const known = def.shape && Object.hasOwn(def.shape, key) ? def.shape[key] : freeForm(def.catchall);
      if (known) walk(known, field, `${path}.${key}`, found);
      else found.push(`${path}.${key}`);
    }
    return;
  }
  if (def.type === 'array' && def.element && Array.isArray(value)) {
    value.forEach((item, index) => walk(def.element!, item, `${path}.${index}`, found));
    return;
  }
  if (def.type === 'record' && def.valueType && isRecord(value)) {
    for (const [key, field] of Object.entries(value)) walk(def.valueType, field, `${path}.${key}`, found);
    return;
  }
  if (def.type === 'union' && def.options) {
    const matching = def.options.find((option) => option.safeParse(value).success);
    if (matching) walk(matching, value, path, found);
    return;
  }
  const inner = innerOf(def);
  if (inner) walk(inner, value, path, found);
}

/**
 * The fields of `value` its schema does not name, by path (`body.shippingAddress.floor`), at any
 * depth. An object whose schema declares free-form keys (`catchall`, such as search's `attr.<key>`)
 * has none; without a schema, every field is unknown.
 */
export function unknownFields(schema: ZodType | undefined, value: unknown, path: string): string[] {
  if (!schema) return isRecord(value) ? Object.keys(value).map((key) => `${path}.${key}`) : [];
  const found: string[] = [];
  walk(schema, value, path, found);
  return found;
}
