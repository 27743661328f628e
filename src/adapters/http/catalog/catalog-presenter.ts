import type { AttributeDefinition } from '../../../domain/catalog/attributes.js';
import type { Category } from '../../../domain/catalog/category.js';
import type { Listing } from '../../../domain/catalog/listing.js';
import type { CategoryNode } from '../../../application/catalog/get-category-tree/get-category-tree.js';
import type { Page } from '../../../application/shared/ports/page.js';
import type { ListingWithStock } from '../../../application/catalog/get-listing/get-listing.js';

export function presentCategoryNode(node: CategoryNode): object {
  const { id, name, slug, parentId } = node.category;
  return { id, name, slug, parentId, children: node.children.map(presentCategoryNode) };
}

export function presentCategory(category: Category, attributes: AttributeDefinition[]) {
  const { id, name, slug, parentId, ancestorIds } = category;
  return { id, name, slug, parentId, ancestorIds, ownAttributes: category.attributes, attributes };
}

/** `availableQuantity`: stock minus live reservations where known (GET routes), else the quantity. */
export function presentListing(listing: Listing, availableQuantity = listing.quantity) {
  return {
    id: listing.id,
    sellerId: listing.sellerId,
    title: listing.title,
    description: listing.description,
    categoryId: listing.categoryId,
    price: listing.price,
    quantity: listing.quantity,
    availableQuantity,
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
  return { items: page.items.map((listing) => presentListing(listing)), nextCursor: page.nextCursor };
}

export function presentListingsWithStock(page: Page<ListingWithStock>) {
  return {
    items: page.items.map((item) => presentListing(item.listing, item.availableQuantity)),
    nextCursor: page.nextCursor,
  };
}
