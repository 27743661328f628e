import { describe, expect, it } from 'vitest';
import {
  attributeProblems,
  definitionProblems,
  type AttributeDefinition,
} from '../../../src/domain/catalog/attributes.js';

const definitions: AttributeDefinition[] = [
  { key: 'brand', label: 'Brand', type: 'string', required: true },
  { key: 'frame_size', label: 'Frame size', type: 'number', required: false, min: 40, max: 65, unit: 'cm' },
  { key: 'electric', label: 'Electric', type: 'boolean', required: true },
  { key: 'condition', label: 'Condition', type: 'enum', required: false, options: ['new', 'used'] },
];

describe('listing attributes against category definitions', () => {
  it('accepts valid values and absent optional ones', () => {
    expect(
      attributeProblems(definitions, { brand: 'Peugeot', electric: false, frame_size: 54, condition: 'used' }),
    ).toEqual([]);
    expect(attributeProblems(definitions, { brand: 'Peugeot', electric: true })).toEqual([]);
  });

  it('names each failing key and why', () => {
    const problems = attributeProblems(definitions, {
      frame_size: 70,
      electric: 'yes',
      condition: 'broken',
      colour: 'red',
    });
    expect(problems).toEqual([
      { key: 'brand', message: 'is required' },
      { key: 'frame_size', message: 'expected at most 65' },
      { key: 'electric', message: 'expected true or false' },
      { key: 'condition', message: 'expected one of new, used' },
      { key: 'colour', message: 'is not an attribute of this category' },
    ]);
    expect(attributeProblems(definitions, { brand: 3, electric: true, frame_size: 12 })).toEqual([
      { key: 'brand', message: 'expected a string' },
      { key: 'frame_size', message: 'expected at least 40' },
    ]);
  });

  it('checks definitions themselves', () => {
    expect(definitionProblems({ key: 'c', label: 'C', type: 'enum', required: false })).toEqual([
      'an enum needs options',
    ]);
    expect(definitionProblems({ key: 'c', label: 'C', type: 'string', required: false, min: 1 })).toEqual([
      'min and max are only for numbers',
    ]);
    expect(definitionProblems({ key: 'c', label: 'C', type: 'number', required: false, min: 5, max: 1 })).toEqual([
      'min is above max',
    ]);
  });

  it.each([
    ['battery_wh', true],
    ['batteryWh', true],
    ['BatteryWH2', true],
    ['x', true],
    ['a'.repeat(64), true],
    ['a'.repeat(65), false],
    ['1battery', false],
    ['_battery', false],
    ['battery-wh', false],
    ['battery wh', false],
    ['batterié', false],
    ['', false],
  ])('an attribute key %j is valid: %s', (key, valid) => {
    const problems = definitionProblems({ key, label: 'K', type: 'string', required: false });
    expect(problems).toEqual(valid ? [] : ['key: expected 1-64 letters, digits and _, starting with a letter']);
  });

  it('treats keys that differ in case or underscores as distinct', () => {
    const mixed: AttributeDefinition[] = [
      { key: 'batteryWh', label: 'Battery', type: 'number', required: true },
      { key: 'battery_wh', label: 'Battery too', type: 'string', required: false },
    ];
    expect(attributeProblems(mixed, { batteryWh: 500, battery_wh: '500' })).toEqual([]);
    expect(attributeProblems(mixed, { batterywh: 500 })).toEqual([
      { key: 'batteryWh', message: 'is required' },
      { key: 'batterywh', message: 'is not an attribute of this category' },
    ]);
  });
});
