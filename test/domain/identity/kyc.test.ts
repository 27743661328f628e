import { describe, expect, it } from 'vitest';
import { decideKyc, noKyc, submitKyc } from '../../../src/domain/identity/kyc.js';
import { codeOf } from '../../support/domain-errors.js';

const at = new Date('2026-03-01T10:00:00Z');
const decision = { by: 'admin-1', at };

describe('KYC state machine', () => {
  it('goes none -> pending -> verified', () => {
    const pending = submitKyc(noKyc, ['doc-1', 'doc-1', 'doc-2'], at);
    expect(pending).toMatchObject({ status: 'pending', documentMediaIds: ['doc-1', 'doc-2'], submittedAt: at });
    expect(decideKyc(pending, 'verified', decision)).toMatchObject({
      status: 'verified',
      decidedBy: 'admin-1',
      decidedAt: at,
    });
  });

  it('lets a rejected user submit again', () => {
    const rejected = decideKyc(submitKyc(noKyc, ['doc-1'], at), 'rejected', { ...decision, reason: 'blurry' });
    expect(rejected).toMatchObject({ status: 'rejected', reason: 'blurry' });
    expect(submitKyc(rejected, ['doc-2'], at)).toMatchObject({ status: 'pending', documentMediaIds: ['doc-2'] });
  });

  it('refuses every other transition with KYC_INVALID_TRANSITION', () => {
    const pending = submitKyc(noKyc, ['doc-1'], at);
    const verified = decideKyc(pending, 'verified', decision);
    expect(codeOf(() => submitKyc(pending, ['doc-2'], at))).toBe('KYC_INVALID_TRANSITION');
    expect(codeOf(() => submitKyc(verified, ['doc-2'], at))).toBe('KYC_INVALID_TRANSITION');
    expect(codeOf(() => decideKyc(noKyc, 'verified', decision))).toBe('KYC_INVALID_TRANSITION');
    expect(codeOf(() => decideKyc(verified, 'rejected', decision))).toBe('KYC_INVALID_TRANSITION');
  });

  it('needs at least one document', () => {
    expect(codeOf(() => submitKyc(noKyc, [], at))).toBe('KYC_DOCUMENTS_REQUIRED');
  });
});
