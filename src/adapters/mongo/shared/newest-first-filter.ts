import type { NewestFirstKey } from '../../shared/newest-first-pages.js';

/** The documents after `key` in newest-first order (createdAt desc, _id desc); no condition without a key. */
export function newestFirstAfter(key: NewestFirstKey | undefined): Record<string, unknown> {
  if (!key) return {};
  const createdAt = new Date(key.createdAt);
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: key.id } }] };
}
