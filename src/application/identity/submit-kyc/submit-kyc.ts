import { kycDocumentsNotUploaded, submitKyc } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import type { Clock } from '../../shared/ports/clock.js';
import { loadUser } from '../load-user.js';
import type { KycDocuments } from '../ports/kyc-documents.js';
import type { UserRepository } from '../ports/user-repository.js';

/**
 * The user sends identity documents for review: KYC becomes `pending`. Every id must be a media
 * of the user whose upload is complete (400 naming each other id).
 */
export class SubmitKyc {
  constructor(
    private readonly users: UserRepository,
    private readonly documents: KycDocuments,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, documentMediaIds: string[]): Promise<User> {
    const user = await loadUser(this.users, userId);
    const refused = kycDocumentsNotUploaded(documentMediaIds, await this.documents.uploadedBy(userId, documentMediaIds));
    if (refused) throw refused;
    const now = this.clock.now();
    const updated: User = { ...user, kyc: submitKyc(user.kyc, documentMediaIds, now), updatedAt: now };
    await this.users.save(updated, []);
    return updated;
  }
}
