import { createUser, type User } from '../../../domain/identity/user.js';
import { normalizeEmail } from '../../../domain/identity/email.js';
import { DomainError } from '../../../domain/shared/domain-error.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';

/**
 * Start-up bootstrap from ADMIN_EMAIL / ADMIN_PASSWORD: creates the admin, or grants `admin` to
 * an existing account with that email. An existing password is kept (it may have been changed).
 */
export class EnsureAdmin {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(email: string, password: string): Promise<User> {
    const existing = await this.users.findByEmailKey(normalizeEmail(email));
    if (existing) return this.promote(existing);
    const admin = createUser({
      id: this.ids.next(),
      email,
      passwordHash: await this.hasher.hash(password),
      displayName: 'Administrator',
      roles: ['admin'],
      at: this.clock.now(),
    });
    try {
      await this.users.create(admin);
      return admin;
    } catch (error) {
      // Another instance created it at the same moment.
      if (error instanceof DomainError && error.code === 'EMAIL_TAKEN') return this.execute(email, password);
      throw error;
    }
  }

  private async promote(user: User): Promise<User> {
    if (user.roles.includes('admin')) return user;
    const promoted: User = { ...user, roles: [...user.roles, 'admin'], updatedAt: this.clock.now() };
    await this.users.save(promoted, []);
    return promoted;
  }
}
