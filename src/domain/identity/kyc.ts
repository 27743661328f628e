import { DomainError } from '../shared/domain-error.js';

export type KycStatus = 'none' | 'pending' | 'verified' | 'rejected';

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
  return new DomainError('conflict', 'KYC_INVALID_TRANSITION', `cannot ${action} a KYC that is ${from}`, { kycStatus: from });
}

/** none | rejected -> pending. */
export function submitKyc(kyc: Kyc, documentMediaIds: string[], at: Date): Kyc {
  if (kyc.status !== 'none' && kyc.status !== 'rejected') throw invalidTransition(kyc.status, 'submit');
  if (documentMediaIds.length === 0) throw new DomainError('invalid', 'KYC_DOCUMENTS_REQUIRED', 'at least one document is required');
  return { status: 'pending', documentMediaIds: [...new Set(documentMediaIds)], submittedAt: at };
}

/** pending -> verified | rejected, by an admin. */
export function decideKyc(kyc: Kyc, verdict: 'verified' | 'rejected', decision: { by: string; at: Date; reason?: string }): Kyc {
  if (kyc.status !== 'pending') throw invalidTransition(kyc.status, verdict === 'verified' ? 'approve' : 'reject');
  return { ...kyc, status: verdict, reason: decision.reason, decidedAt: decision.at, decidedBy: decision.by };
}
