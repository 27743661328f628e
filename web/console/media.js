import { get } from './api.js';
import { h } from './dom.js';

/**
 * The embedded store is this app: read its links on the page's own origin, which the content security policy
 * allows, even when PUBLIC_BASE_URL names the host another way (localhost against 127.0.0.1).
 */
function sameOrigin(url) {
  const parsed = new URL(url, location.href);
  return parsed.pathname.startsWith('/media-store/') ? `${parsed.pathname}${parsed.search}` : url;
}

/** An image of a listing (its first media once approved; GET /media/:id gives a short-lived link). */
export function listingImage(listing, size = 'card') {
  const frame = h('div', { class: `image ${size}` });
  const mediaId = listing.mediaIds?.[0];
  if (!mediaId) return frame;
  get(`/media/${encodeURIComponent(mediaId)}`)
    .then((media) => {
      if (media.url) frame.append(h('img', { src: sameOrigin(media.url), alt: listing.title, loading: 'lazy' }));
    })
    .catch(() => undefined);
  return frame;
}
