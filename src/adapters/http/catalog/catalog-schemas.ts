import { attributeKeyPattern, attributeKeyRule, attributeTypes } from '../../../domain/catalog/attributes.js';
import { listingStatuses } from '../../../domain/catalog/listing.js';
import { z } from '../openapi/zod-openapi.js';
import { moneySchema, pageQuery, timestamp } from '../shared/schemas.js';

const id = z.string().min(1).max(128);
export const idParams = z.object({ id });

const attributeDefinition = z
  .object({
    key: z.string().regex(attributeKeyPattern, attributeKeyRule),
    label: z.string().trim().min(1).max(80),
    type: z.enum(attributeTypes),
    required: z.boolean().default(false),
    options: z.array(z.string().min(1).max(80)).min(1).max(100).optional(),
    unit: z.string().max(20).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .openapi('AttributeDefinition');

export const createCategoryBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    parentId: id.nullable().optional(),
    attributes: z.array(attributeDefinition).max(50).optional(),
  })
  .openapi('CreateCategoryRequest');
export const updateCategoryBody = createCategoryBody.partial().openapi('UpdateCategoryRequest');

const categoryFields = { id: z.string(), name: z.string(), slug: z.string(), parentId: z.string().nullable() };
export const categoryNodeSchema: z.ZodType = z
  .lazy(() => z.object({ ...categoryFields, children: z.array(categoryNodeSchema) }))
  .openapi('CategoryNode');
export const categoryTreeSchema = z.object({ items: z.array(categoryNodeSchema) }).openapi('CategoryTree');
export const categorySchema = z
  .object({
    ...categoryFields,
    ancestorIds: z.array(z.string()),
    ownAttributes: z.array(attributeDefinition),
    attributes: z.array(attributeDefinition),
  })
  .openapi('Category');

const attributeValue = z.union([z.string().max(200), z.number(), z.boolean()]);
const listingFields = {
  title: z.string().trim().min(3, 'expected at least 3 characters').max(120),
  description: z.string().trim().max(5000),
  categoryId: id,
  price: moneySchema,
  quantity: z.number().int('expected a whole number').nonnegative().max(1_000_000),
  attributes: z.record(z.string().regex(attributeKeyPattern, attributeKeyRule), attributeValue),
  mediaIds: z.array(id).max(20),
};
export const createListingBody = z
  .object({
    ...listingFields,
    attributes: listingFields.attributes.default({}),
    mediaIds: listingFields.mediaIds.default([]),
  })
  .openapi('CreateListingRequest');
export const updateListingBody = z.strictObject(listingFields).partial().openapi('UpdateListingRequest');

export const listingSchema = z
  .object({
    id: z.string(),
    sellerId: z.string(),
    ...listingFields,
    availableQuantity: z.number().int(),
    status: z.enum(listingStatuses),
    moderationReason: z.string().optional(),
    createdAt: timestamp,
    updatedAt: timestamp,
    publishedAt: timestamp.optional(),
  })
  .openapi('Listing');

export const listingPageSchema = z
  .object({ items: z.array(listingSchema), nextCursor: z.string().nullable() })
  .openapi('ListingPage');

const minorUnits = z.coerce.number().int().nonnegative();
export const searchQuery = pageQuery
  .extend({
    q: z.string().trim().max(200).optional(),
    categoryId: id.optional(),
    minPrice: minorUnits.optional(),
    maxPrice: minorUnits.optional(),
    sellerId: id.optional(),
    sort: z.enum(['newest', 'price_asc', 'price_desc']).default('newest'),
  })
  // attr.<key>[.min|.max]: read by attribute-filters.ts, documented in the route's description.
  .catchall(z.string().max(200));

export const moderationBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .default({})
  .openapi('ModerationDecision');
