import { DomainError } from '../shared/domain-error.js';

export const attributeTypes = ['string', 'number', 'boolean', 'enum'] as const;
export type AttributeType = (typeof attributeTypes)[number];
export type AttributeValue = string | number | boolean;

/**
 * An attribute key: 1-64 letters, digits and `_`, starting with a letter, in any case
 * (`batteryWh` and `battery_wh` are both fine, and distinct keys).
 */
export const attributeKeySource = '[A-Za-z][A-Za-z0-9_]{0,63}';
export const attributeKeyPattern = new RegExp(`^${attributeKeySource}$`);
export const attributeKeyRule = 'expected 1-64 letters, digits and _, starting with a letter';

/** A typed attribute a category asks of its listings (e.g. `frame_size`, number, 40..65 cm). */
export interface AttributeDefinition {
  key: string;
  label: string;
  type: AttributeType;
  required: boolean;
  options?: string[];
  unit?: string;
  min?: number;
  max?: number;
}

export interface AttributeProblem {
  key: string;
  message: string;
}

/** Checks a definition on its own: enums need options, bounds only for numbers and in order. */
export function definitionProblems(definition: AttributeDefinition): string[] {
  const problems: string[] = [];
  if (!attributeKeyPattern.test(definition.key)) problems.push(`key: ${attributeKeyRule}`);
  if (definition.type === 'enum' && !definition.options?.length) problems.push('an enum needs options');
  if (definition.type !== 'enum' && definition.options) problems.push('options are only for enums');
  if (definition.type !== 'number' && (definition.min !== undefined || definition.max !== undefined))
    problems.push('min and max are only for numbers');
  if (definition.min !== undefined && definition.max !== undefined && definition.min > definition.max)
    problems.push('min is above max');
  return problems;
}

function valueProblem(definition: AttributeDefinition, value: AttributeValue): string | undefined {
  switch (definition.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'expected a string';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'enum':
      return typeof value === 'string' && definition.options?.includes(value)
        ? undefined
        : `expected one of ${definition.options?.join(', ')}`;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'expected a number';
      if (definition.min !== undefined && value < definition.min) return `expected at least ${definition.min}`;
      if (definition.max !== undefined && value > definition.max) return `expected at most ${definition.max}`;
      return undefined;
  }
}

/** Every problem of a listing's attributes against its category's effective definitions. */
export function attributeProblems(
  definitions: AttributeDefinition[],
  values: Record<string, AttributeValue>,
): AttributeProblem[] {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const problems: AttributeProblem[] = [];
  for (const definition of definitions) {
    const value = values[definition.key];
    if (value === undefined) {
      if (definition.required) problems.push({ key: definition.key, message: 'is required' });
      continue;
    }
    const problem = valueProblem(definition, value);
    if (problem) problems.push({ key: definition.key, message: problem });
  }
  for (const key of Object.keys(values)) {
    if (!byKey.has(key)) problems.push({ key, message: 'is not an attribute of this category' });
  }
  return problems;
}

export function assertValidAttributes(
  definitions: AttributeDefinition[],
  values: Record<string, AttributeValue>,
): void {
  const problems = attributeProblems(definitions, values);
  if (problems.length === 0) return;
  throw new DomainError(
    'invalid',
    'LISTING_ATTRIBUTES_INVALID',
    `invalid attributes: ${problems.map((p) => `${p.key} ${p.message}`).join('; ')}`,
    {
      errors: problems.map((p) => ({ field: `attributes.${p.key}`, message: p.message })),
    },
  );
}
