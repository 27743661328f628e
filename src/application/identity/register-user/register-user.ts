import { createUser } from '../../../domain/identity/user.js';
import type { SelfAssignableRole } from '../../../domain/identity/role.js';
import { normalizeEmail } from '../../../domain/identity/email.js';
import { identityErrors } from '../../../domain/identity/errors.js';
import type { Clock } from '../../shared/ports/clock.js';
import type { IdGenerator } from '../../shared/ports/id-generator.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { Session, SessionIssuer } from '../session-issuer.js';

export interface RegisterUserCommand {
  email: string;
  password: string;
  displayName: string;
  roles?: SelfAssignableRole[];
}

/** Self-registration: a new account with the asked roles (never admin) and a first session. */
export class RegisterUser {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
    private readonly ids: IdGenerator,
    private readonly clock: Clock,
  ) {}

  async execute(command: RegisterUserCommand): Promise<Session> {
    if (await this.users.findByEmailKey(normalizeEmail(command.email))) throw identityErrors.emailTaken();
    const user = createUser({
      id: this.ids.next(),
      email: command.email,
      passwordHash: await this.hasher.hash(command.password),
      displayName: command.displayName,
      roles: command.roles?.length ? command.roles : ['buyer'],
      at: this.clock.now(),
    });
    await this.users.create(user);
    return this.sessions.start(user);
  }
}
