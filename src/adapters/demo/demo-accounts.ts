import type { User } from '../../domain/identity/user.js';
import { normalizeEmail } from '../../domain/identity/email.js';
import { DomainError } from '../../domain/shared/domain-error.js';
import { DEMO_PASSWORD, type DemoAccount, type DemoUser } from './demo-cast.js';
import type { DemoDeps } from './demo-deps.js';
import { uploadDemoImage } from './demo-media.js';

/**
 * The bidding bots' accounts. They share DEMO_PASSWORD with the printed accounts: one rule for every demo account,
 * and a developer may sign in as a bot to see what it sees. The demo never runs in production.
 */
export const DEMO_BOTS: readonly DemoAccount[] = ['Ana', 'Bruno', 'Chloe', 'Dmitri'].map((name) => ({
  email: `bot.${name.toLowerCase()}@demo.uty`,
  displayName: `Bot ${name}`,
  roles: ['buyer'],
}));

export const demoUserOf = (user: User): DemoUser => ({ id: user.id, email: user.email, displayName: user.displayName });

/** The admin: made (or promoted) by the start-up bootstrap, then named as the demo prints it. */
export async function seedAdmin(deps: DemoDeps, account: DemoAccount): Promise<User> {
  const admin = await deps.ensureAdmin.execute(account.email, DEMO_PASSWORD);
  if (admin.displayName === account.displayName) return admin;
  return deps.identity.updateProfile.execute(admin.id, { displayName: account.displayName });
}

/**
 * The account, found by its email when an earlier seed made it, else registered as a person would. An account is
 * found through the admin's user search rather than by logging in: no password hashing, no session left behind.
 */
export async function seedAccount(deps: DemoDeps, account: DemoAccount): Promise<User> {
  const existing = await userByEmail(deps, account.email);
  if (existing) return existing;
  try {
    const session = await deps.identity.registerUser.execute({
      email: account.email,
      password: DEMO_PASSWORD,
      displayName: account.displayName,
      roles: account.roles.filter((role) => role !== 'admin'),
    });
    return session.user;
  } catch (error) {
    // Another instance seeding the same stores registered it meanwhile.
    if (error instanceof DomainError && error.code === 'EMAIL_TAKEN') return (await userByEmail(deps, account.email))!;
    throw error;
  }
}

async function userByEmail(deps: DemoDeps, email: string): Promise<User | undefined> {
  const page = await deps.identity.listUsers.execute({ q: email }, { limit: 100 });
  return page.items.find((user) => normalizeEmail(user.email) === normalizeEmail(email));
}

/** KYC verified as a seller would get it: an identity document uploaded and submitted, then the admin approves. */
export async function ensureVerifiedSeller(deps: DemoDeps, admin: DemoUser, seller: User): Promise<void> {
  if (seller.kyc.status === 'verified') return;
  if (seller.kyc.status !== 'pending') {
    const document = await uploadDemoImage(deps, demoUserOf(seller), { colour: '#e9e4d8', label: 'ID CARD' });
    await deps.identity.submitKyc.execute(seller.id, [document.id]);
  }
  await deps.identity.decideKyc.execute({ adminId: admin.id, userId: seller.id, verdict: 'verified' });
}
