import { describe, expect, it } from 'vitest';
import { normalizeEmail } from '../../../src/domain/identity/email.js';
import { decideKyc, submitKyc } from '../../../src/domain/identity/kyc.js';
import { assertVerifiedSeller, createUser, updateProfile } from '../../../src/domain/identity/user.js';
import { DomainError } from '../../../src/domain/shared/domain-error.js';

const at = new Date('2026-03-01T10:00:00Z');
const newUser = (roles: ('buyer' | 'seller')[] = ['buyer']) =>
  createUser({ id: 'u1', email: '  Ada@Example.COM ', passwordHash: 'h', displayName: ' Ada ', roles, at });

describe('User', () => {
  it('normalises the email key and trims names', () => {
    const user = newUser();
    expect(user).toMatchObject({
      email: 'Ada@Example.COM',
      emailKey: 'ada@example.com',
      displayName: 'Ada',
      kyc: { status: 'none' },
    });
    expect(normalizeEmail(' X@Y.z ')).toBe('x@y.z');
  });

  it('edits only profile fields', () => {
    const later = new Date('2026-03-02T10:00:00Z');
    const changes = { displayName: 'Ada L.', phone: '+33 6 12 34 56 78', roles: ['admin'] } as Parameters<
      typeof updateProfile
    >[1];
    const updated = updateProfile(newUser(), changes, later);
    expect(updated).toMatchObject({
      displayName: 'Ada L.',
      phone: '+33 6 12 34 56 78',
      roles: ['buyer'],
      updatedAt: later,
    });
  });

  describe('seller gate', () => {
    const gate = (user: Parameters<typeof assertVerifiedSeller>[0]) => {
      try {
        assertVerifiedSeller(user);
        return 'allowed';
      } catch (error) {
        return (error as DomainError).code;
      }
    };

    it('needs the seller role', () => {
      expect(gate(newUser(['buyer']))).toBe('SELLER_ROLE_REQUIRED');
    });

    it('needs a verified KYC (403 KYC_REQUIRED otherwise)', () => {
      const seller = newUser(['seller']);
      expect(gate(seller)).toBe('KYC_REQUIRED');
      const pending = { ...seller, kyc: submitKyc(seller.kyc, ['d'], at) };
      expect(gate(pending)).toBe('KYC_REQUIRED');
      expect(gate({ ...seller, kyc: decideKyc(pending.kyc, 'verified', { by: 'a', at }) })).toBe('allowed');
    });
  });
});
