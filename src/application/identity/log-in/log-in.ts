import { normalizeEmail } from '../../../domain/identity/email.js';
import { identityErrors } from '../../../domain/identity/errors.js';
import type { PasswordHasher } from '../ports/password-hasher.js';
import type { UserRepository } from '../ports/user-repository.js';
import type { Session, SessionIssuer } from '../session-issuer.js';

export interface LogInCommand {
  email: string;
  password: string;
}

/** Checks the password and starts a new session; an unknown email costs the same time as a wrong password. */
export class LogIn {
  private decoyHash: Promise<string> | undefined;

  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: LogInCommand): Promise<Session> {
    const user = await this.users.findByEmailKey(normalizeEmail(command.email));
    const hash = user?.passwordHash ?? (await this.decoy());
    const matches = await this.hasher.verify(command.password, hash);
    if (!user || !matches) throw identityErrors.invalidCredentials();
    return this.sessions.start(user);
  }

  private decoy(): Promise<string> {
    this.decoyHash ??= this.hasher.hash('decoy password that never matches');
    return this.decoyHash;
  }
}
