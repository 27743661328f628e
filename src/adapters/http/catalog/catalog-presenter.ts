import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import type { Category } from '../../../domain/catalog/category.js';
import type { Listing } from '../../../domain/catalog/listing.js';
import type { CategoryNode } from '../../../application/catalog/get-category-tree/get-category-tree.js';
import type { Page } from '../../../application/shared/ports/page.js';

export function presentCategoryNode(node: CategoryNode): object {
  const { id, name, slug, parentId } = node.category;
  return { id, name, slug, parentId, children: node.children.map(presentCategoryNode) };
}

export function presentCategory(category: Category, attributes: AttributeDefinition[]) {
  const { id, name, slug, parentId, ancestorIds } = category;
  return { id, name, slug, parentId, ancestorIds, ownAttributes: category.attributes, attributes };
}

export function presentListing(listing: Listing) {
  return {
    id: listing.id,
    sellerId: listing.sellerId,
    title: listing.title,
    description: listing.description,
    categoryId: listing.categoryId,
    price: listing.price,
    quantity: listing.quantity,
    // Stock minus live cart reservations: equal to quantity until the cart module holds stock.
    availableQuantity: listing.quantity,
    attributes: listing.attributes,
    mediaIds: listing.mediaIds,
    status: listing.status,
    ...(listing.moderationReason ? { moderationReason: listing.moderationReason } : {}),
    createdAt: listing.createdAt.toISOString(),
    updatedAt: listing.updatedAt.toISOString(),
    ...(listing.publishedAt ? { publishedAt: listing.publishedAt.toISOString() } : {}),
  };
}

export function presentListingPage(page: Page<Listing>) {
  return { items: page.items.map(presentListing), nextCursor: page.nextCursor };
}
