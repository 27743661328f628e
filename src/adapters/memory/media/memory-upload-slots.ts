import type { SlotClaim, UploadSlots } from '../../../application/media/ports/upload-slots.js';

/** UploadSlots in process memory: each claim is one synchronous step, so racing claims cannot overshoot. */
export class MemoryUploadSlots implements UploadSlots {
  /** owner -> media id -> when its slot closes (epoch ms). */
  private readonly slots = new Map<string, Map<string, number>>();

  async claim(ownerId: string, mediaId: string, expiresAt: Date, max: number, now: Date): Promise<SlotClaim> {
    const open = this.slots.get(ownerId) ?? new Map<string, number>();
    for (const [id, closesAt] of open) if (closesAt <= now.getTime()) open.delete(id);
    this.slots.set(ownerId, open);
    if (open.size >= max) return { claimed: false, freesAt: new Date(Math.min(...open.values())) };
    open.set(mediaId, expiresAt.getTime());
    return { claimed: true };
  }

  async release(ownerId: string, mediaId: string): Promise<void> {
    const open = this.slots.get(ownerId);
    open?.delete(mediaId);
    if (open?.size === 0) this.slots.delete(ownerId);
  }
}
