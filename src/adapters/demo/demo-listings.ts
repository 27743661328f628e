import type { Listing } from '../../domain/catalog/listing.js';
import type { DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { actorOf, approvedDemoImage, type DemoImage } from './demo-media.js';

/** What a seller types into a new listing, and the picture it gets. */
export type DemoListingSpec = Pick<
  Listing,
  'title' | 'description' | 'categoryId' | 'price' | 'quantity' | 'attributes'
> &
  DemoImage;

/**
 * A published listing, made as its seller would through the use cases: its image uploaded and approved by the admin,
 * the draft created with it, then published (auto-moderation passes with every image approved; should a configured
 * banned word send it to moderation, the admin approves it). Answers the listing's id.
 */
export async function publishDemoListing(
  deps: DemoDeps,
  admin: DemoUser,
  seller: DemoUser,
  spec: DemoListingSpec,
): Promise<string> {
  const image = await approvedDemoImage(deps, admin, seller, spec);
  const { colour: _colour, label: _label, ...content } = spec;
  const sellerActor = actorOf(seller, 'seller');
  const draft = await deps.catalog.createListing.execute(sellerActor, { ...content, mediaIds: [image.id] });
  const submitted = await deps.catalog.publishListing.execute(sellerActor, draft.id);
  if (submitted.status === 'moderation')
    await deps.catalog.moderateListing.execute({ adminId: admin.id, listingId: draft.id, verdict: 'approved' });
  return draft.id;
}
