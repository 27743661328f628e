import type { User } from '../../../domain/identity/user.js';
import { loadUser } from '../load-user.js';
import type { KycDocuments, KycDocumentView } from '../ports/kyc-documents.js';
import type { UserRepository } from '../ports/user-repository.js';

export interface UserForAdmin {
  user: User;
  /** The submitted KYC documents with short-lived download links, so the admin sees what they approve. */
  documents: KycDocumentView[];
}

/** One user as an admin reviews them: the profile and the KYC documents they submitted. */
export class GetUserForAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly documents: KycDocuments,
  ) {}

  async execute(userId: string): Promise<UserForAdmin> {
    const user = await loadUser(this.users, userId);
    return { user, documents: await this.documents.views(user.kyc.documentMediaIds) };
  }
}
