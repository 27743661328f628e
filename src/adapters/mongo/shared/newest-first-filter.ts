import type { NewestFirstKey } from '../../shared/newest-first-pages.js';

/**
 * The documents after `key` in newest-first order (`field` desc, _id desc; `field` is the time,
 * `createdAt` unless told); no condition without a key.
 */
export function newestFirstAfter(key: NewestFirstKey | undefined, field = 'createdAt'): Record<string, unknown> {
  if (!key) return {};
  const time = new Date(key.createdAt);
  return { $or: [{ [field]: { $lt: time } }, { [field]: time, _id: { $lt: key.id } }] };
}
