import type { Media } from '../../domain/media/media.js';
import type { Actor } from '../../application/shared/actor.js';
import type { DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { labelPng } from './label-png.js';

/** Every demo image: small, so a seed of dozens stays fast; large enough for the console's cards. */
const IMAGE_SIZE = { width: 320, height: 240 };

export interface DemoImage {
  /** `#rrggbb`. */
  colour: string;
  label: string;
}

export const actorOf = (user: DemoUser, role: 'admin' | 'buyer' | 'seller' | 'courier'): Actor => ({
  userId: user.id,
  roles: [role],
});

/** The owner uploads a labelled PNG as a client would: announce it, send its bytes, say they are sent. */
export async function uploadDemoImage(deps: DemoDeps, owner: DemoUser, image: DemoImage): Promise<Media> {
  const bytes = labelPng({ ...IMAGE_SIZE, background: image.colour, label: image.label });
  const ticket = await deps.media.requestUpload.execute({
    ownerId: owner.id,
    contentType: 'image/png',
    size: bytes.length,
    filename: `${image.label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.png`,
  });
  await deps.uploadBytes({ uploadUrl: ticket.upload.url, headers: ticket.upload.headers }, bytes);
  return deps.media.completeUpload.execute(actorOf(owner, 'seller'), ticket.media.id);
}

/**
 * Uploads the image and has the admin approve it. The verdict use case stores the verdict before it answers (its
 * `image.moderation.result` consumer later finds it applied), so the media is approved from here on, for the
 * catalogue's auto-moderation too.
 */
export async function approvedDemoImage(
  deps: DemoDeps,
  admin: DemoUser,
  owner: DemoUser,
  image: DemoImage,
): Promise<Media> {
  const uploaded = await uploadDemoImage(deps, owner, image);
  return deps.media.submitModerationVerdict.execute({
    moderatorId: admin.id,
    mediaId: uploaded.id,
    verdict: 'approved',
  });
}
