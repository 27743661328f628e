import { DomainError } from '../shared/domain-error.js';
import { normalizeEmail } from './email.js';
import { noKyc, type Kyc } from './kyc.js';
import type { Role } from './role.js';

export interface Address {
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export interface User {
  id: string;
  email: string;
  /** `email` normalised for the uniqueness check and look-ups. */
  emailKey: string;
  passwordHash: string;
  displayName: string;
  roles: Role[];
  kyc: Kyc;
  phone?: string;
  address?: Address;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewUser {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  roles: Role[];
  at: Date;
}

export function createUser(input: NewUser): User {
  return {
    id: input.id,
    email: input.email.trim(),
    emailKey: normalizeEmail(input.email),
    passwordHash: input.passwordHash,
    displayName: input.displayName.trim(),
    roles: [...new Set(input.roles)],
    kyc: noKyc,
    createdAt: input.at,
    updatedAt: input.at,
  };
}

export type ProfileChanges = Partial<Pick<User, 'displayName' | 'phone' | 'address'>>;

/** Only the profile fields a user may edit; roles and KYC are never changed here. */
export function updateProfile(user: User, changes: ProfileChanges, at: Date): User {
  const next: User = { ...user, updatedAt: at };
  if (changes.displayName !== undefined) next.displayName = changes.displayName.trim();
  if (changes.phone !== undefined) next.phone = changes.phone;
  if (changes.address !== undefined) next.address = changes.address;
  return next;
}

export function hasRole(user: Pick<User, 'roles'>, role: Role): boolean {
  return user.roles.includes(role);
}

/**
 * The seller gate other modules use before publishing a listing or starting an auction:
 * the user must hold the seller role and a verified KYC.
 */
export function assertVerifiedSeller(user: Pick<User, 'roles' | 'kyc'>): void {
  if (!hasRole(user, 'seller')) throw new DomainError('forbidden', 'SELLER_ROLE_REQUIRED', 'only sellers may do this');
  if (user.kyc.status !== 'verified') {
    throw new DomainError('forbidden', 'KYC_REQUIRED', 'a verified KYC is required to sell', {
      kycStatus: user.kyc.status,
    });
  }
}
