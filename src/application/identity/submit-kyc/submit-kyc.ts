import { kycDocumentsNotUploaded, submitKyc } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import type { Clock } from '../../shared/ports/clock.js';
import { changeKyc } from '../change-kyc.js';
import type { KycDocuments } from '../ports/kyc-documents.js';
import type { UserRepository } from '../ports/user-repository.js';

/**
 * The user sends identity documents for review: KYC becomes `pending`. Every id must be a media
 * of the user whose upload is complete (400 naming each other id). Of racing submissions one wins.
 */
export class SubmitKyc {
  constructor(
    private readonly users: UserRepository,
    private readonly documents: KycDocuments,
    private readonly clock: Clock,
  ) {}

  async execute(userId: string, documentMediaIds: string[]): Promise<User> {
    const refused = kycDocumentsNotUploaded(
      documentMediaIds,
      await this.documents.uploadedBy(userId, documentMediaIds),
    );
    if (refused) throw refused;
    return changeKyc(this.users, userId, (user) => {
      const now = this.clock.now();
      return { user: { ...user, kyc: submitKyc(user.kyc, documentMediaIds, now), updatedAt: now }, events: [] };
    });
  }
}
