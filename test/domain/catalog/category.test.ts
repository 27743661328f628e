import { describe, expect, it } from 'vitest';
import {
  ancestorIdsUnder,
  assertAttributeDefinitions,
  assertMovable,
  effectiveAttributes,
  type Category,
} from '../../../src/domain/catalog/category.js';
import { slugify } from '../../../src/domain/shared/text.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T00:00:00Z');
const category = (id: string, parent: Category | null, keys: string[] = []): Category => ({
  id,
  name: id,
  slug: id,
  parentId: parent?.id ?? null,
  ancestorIds: ancestorIdsUnder(parent),
  attributes: keys.map((key) => ({ key, label: key, type: 'string', required: false })),
  createdAt: at,
  updatedAt: at,
});

describe('category tree rules', () => {
  const root = category('sports', null, ['brand']);
  const bikes = category('bikes', root, ['frame_size']);
  const ebikes = category('ebikes', bikes, ['battery']);

  it('inherits attributes from every ancestor, root first', () => {
    expect(ebikes.ancestorIds).toEqual(['sports', 'bikes']);
    expect(effectiveAttributes(ebikes, [root, bikes]).map((a) => a.key)).toEqual(['brand', 'frame_size', 'battery']);
  });

  it('refuses redefining an inherited key (409) and duplicate keys (400)', () => {
    expect(codeOf(() => assertAttributeDefinitions(ebikes.attributes, ['brand', 'battery']))).toBe(
      'CATEGORY_ATTRIBUTE_REDEFINED',
    );
    expect(codeOf(() => assertAttributeDefinitions([...ebikes.attributes, ...ebikes.attributes], []))).toBe(
      'CATEGORY_ATTRIBUTES_INVALID',
    );
  });

  it('refuses moving a category under itself or a descendant', () => {
    expect(codeOf(() => assertMovable(root, ebikes))).toBe('CATEGORY_CYCLE');
    expect(codeOf(() => assertMovable(bikes, bikes))).toBe('CATEGORY_CYCLE');
    expect(codeOf(() => assertMovable(ebikes, root))).toBe('ok');
    expect(codeOf(() => assertMovable(bikes, null))).toBe('ok');
  });

  it('slugs names without accents', () => {
    expect(slugify('Vélos & Électrique')).toBe('velos-electrique');
  });
});
