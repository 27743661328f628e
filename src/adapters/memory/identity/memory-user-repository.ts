import type { UserFilter, UserRepository } from '../../../application/identity/ports/user-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { identityErrors } from '../../../domain/identity/errors.js';
import type { KycStatus } from '../../../domain/identity/kyc.js';
import type { User } from '../../../domain/identity/user.js';
import { decodeCursor, isAfter, newestFirst, newestFirstPage } from '../../shared/newest-first-pages.js';
import type { MemoryOutbox } from '../shared/memory-outbox.js';
import { deepCopy } from '../shared/deep-copy.js';

/**
 * UserRepository in process memory. Stores and returns copies, and drops fields set to
 * `undefined` on the way in, as MongoDB does, so both adapters answer the same objects. A save
 * appends its events to the memory outbox in the same synchronous step.
 */
export class MemoryUserRepository implements UserRepository {
  private readonly users = new Map<string, User>();
  private readonly idsByEmailKey = new Map<string, string>();

  constructor(private readonly outbox: MemoryOutbox) {}

  async create(user: User): Promise<void> {
    if (this.users.has(user.id)) throw new Error(`a user with id ${user.id} is already stored`);
    this.assertEmailKeyFree(user);
    this.store(user);
  }

  async save(user: User, events: PendingEvents, expectedKycStatus?: KycStatus): Promise<void> {
    const current = this.users.get(user.id);
    if (!current) throw identityErrors.userNotFound();
    if (expectedKycStatus !== undefined && current.kyc.status !== expectedKycStatus)
      throw identityErrors.concurrentUpdate();
    this.assertEmailKeyFree(user);
    this.idsByEmailKey.delete(current.emailKey);
    this.store(user);
    this.outbox.append(`users:${user.id}`, events);
  }

  async findById(id: string): Promise<User | null> {
    const user = this.users.get(id);
    return user ? deepCopy(user) : null;
  }

  async findByEmailKey(emailKey: string): Promise<User | null> {
    const id = this.idsByEmailKey.get(emailKey);
    return id === undefined ? null : this.findById(id);
  }

  async list(filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const listed = [...this.users.values()].filter((user) => matches(user, filter) && (!after || isAfter(user, after)));
    return newestFirstPage(
      listed
        .sort(newestFirst)
        .slice(0, page.limit + 1)
        .map((user) => deepCopy(user)),
      page.limit,
    );
  }

  private assertEmailKeyFree(user: User): void {
    const owner = this.idsByEmailKey.get(user.emailKey);
    if (owner !== undefined && owner !== user.id) throw identityErrors.emailTaken();
  }

  private store(user: User): void {
    this.users.set(user.id, copyDefined(user));
    this.idsByEmailKey.set(user.emailKey, user.id);
  }
}

function matches(user: User, filter: UserFilter): boolean {
  const q = filter.q?.toLowerCase();
  return (
    (filter.kycStatus === undefined || user.kyc.status === filter.kycStatus) &&
    (filter.role === undefined || user.roles.includes(filter.role)) &&
    (q === undefined || user.email.toLowerCase().includes(q) || user.displayName.toLowerCase().includes(q))
  );
}

/** A deep copy without the object fields whose value is `undefined`; Dates stay Dates. */
function copyDefined<T>(value: T): T {
  if (value instanceof Date) return new Date(value) as T;
  if (Array.isArray(value)) return value.map(copyDefined) as T;
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(entries.map(([key, field]) => [key, copyDefined(field)])) as T;
}
