import { DomainError } from '../shared/domain-error.js';

export const kycStatuses = ['none', 'pending', 'verified', 'rejected'] as const;
export type KycStatus = (typeof kycStatuses)[number];

export interface Kyc {
  status: KycStatus;
  documentMediaIds: string[];
  reason?: string;
  submittedAt?: Date;
  decidedAt?: Date;
  decidedBy?: string;
}

export const noKyc: Kyc = { status: 'none', documentMediaIds: [] };

function invalidTransition(from: KycStatus, action: string): DomainError {
  return new DomainError('conflict', 'KYC_INVALID_TRANSITION', `cannot ${action} a KYC that is ${from}`, {
    kycStatus: from,
  });
}

/**
 * 400 naming each id of `documentMediaIds` (by its index) that is not an uploaded media of the
 * submitter: unknown, someone else's, or still awaiting its upload.
 */
export function kycDocumentsNotUploaded(
  documentMediaIds: readonly string[],
  uploaded: ReadonlySet<string>,
): DomainError | null {
  const refused = documentMediaIds.map((id, index) => ({ id, index })).filter(({ id }) => !uploaded.has(id));
  if (refused.length === 0) return null;
  const errors = refused.map(({ id, index }) => ({
    field: `documentMediaIds.${index}`,
    message: `${id} is not a media of yours whose upload is complete`,
  }));
  return new DomainError(
    'invalid',
    'KYC_DOCUMENT_INVALID',
    `not uploaded media of yours: ${refused.map((r) => r.id).join(', ')}`,
    { errors },
  );
}

/** none | rejected -> pending. */
export function submitKyc(kyc: Kyc, documentMediaIds: string[], at: Date): Kyc {
  if (kyc.status !== 'none' && kyc.status !== 'rejected') throw invalidTransition(kyc.status, 'submit');
  if (documentMediaIds.length === 0)
    throw new DomainError('invalid', 'KYC_DOCUMENTS_REQUIRED', 'at least one document is required', {
      errors: [{ field: 'documentMediaIds', message: 'must name at least one document' }],
    });
  return { status: 'pending', documentMediaIds: [...new Set(documentMediaIds)], submittedAt: at };
}

/** pending -> verified | rejected, by an admin. */
export function decideKyc(
  kyc: Kyc,
  verdict: 'verified' | 'rejected',
  decision: { by: string; at: Date; reason?: string },
): Kyc {
  if (kyc.status !== 'pending') throw invalidTransition(kyc.status, verdict === 'verified' ? 'approve' : 'reject');
  return { ...kyc, status: verdict, reason: decision.reason, decidedAt: decision.at, decidedBy: decision.by };
}
