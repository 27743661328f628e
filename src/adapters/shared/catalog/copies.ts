import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import type { Category } from '../../../domain/catalog/category.js';
import type { Listing } from '../../../domain/catalog/listing.js';
import { optional } from '../optional.js';

/*
 * Field-by-field deep copies that leave absent optional fields out, as MongoDB stores them:
 * the memory adapters keep and return these, the MongoDB ones map documents through them, so
 * both answer equal objects.
 */

export function copyDefinition(definition: AttributeDefinition): AttributeDefinition {
  return {
    key: definition.key,
    label: definition.label,
    type: definition.type,
    required: definition.required,
    ...optional('options', definition.options && [...definition.options]),
    ...optional('unit', definition.unit),
    ...optional('min', definition.min),
    ...optional('max', definition.max),
  };
}

export function copyCategory(category: Category): Category {
  return {
    id: category.id,
    name: category.name,
    slug: category.slug,
    parentId: category.parentId,
    ancestorIds: [...category.ancestorIds],
    attributes: category.attributes.map(copyDefinition),
    createdAt: new Date(category.createdAt),
    updatedAt: new Date(category.updatedAt),
  };
}

export function copyListing(listing: Listing): Listing {
  return {
    id: listing.id,
    sellerId: listing.sellerId,
    title: listing.title,
    description: listing.description,
    categoryId: listing.categoryId,
    price: { amount: listing.price.amount, currency: listing.price.currency },
    quantity: listing.quantity,
    attributes: { ...listing.attributes },
    mediaIds: [...listing.mediaIds],
    status: listing.status,
    ...optional('moderationReason', listing.moderationReason),
    createdAt: new Date(listing.createdAt),
    updatedAt: new Date(listing.updatedAt),
    ...optional('publishedAt', listing.publishedAt && new Date(listing.publishedAt)),
    version: listing.version,
  };
}
