import type { Collection, Db, Filter } from 'mongodb';
import type { UserFilter, UserRepository } from '../../../application/identity/ports/user-repository.js';
import type { PendingEvents } from '../../../application/shared/outbox/outbox.js';
import type { Page, PageRequest } from '../../../application/shared/ports/page.js';
import { identityErrors } from '../../../domain/identity/errors.js';
import type { Kyc, KycStatus } from '../../../domain/identity/kyc.js';
import type { Address, User } from '../../../domain/identity/user.js';
import { decodeCursor, newestFirstPage } from '../../shared/newest-first-pages.js';
import { isUniqueViolation } from '../shared/errors.js';
import { replaceWithOutbox, type MongoOutboxStore } from '../shared/mongo-outbox.js';
import { newestFirstAfter } from '../shared/newest-first-filter.js';

type UserDocument = Omit<User, 'id'> & { _id: string };

/** Fields a user may lack: a save removes them from the document when absent. */
const OPTIONAL_FIELDS = ['phone', 'address'] as const;

/**
 * Users in the `users` collection, `_id` = user id, email keys unique by index. A save is an
 * update (never a replace, which would drop events still pending) that appends its events to the
 * document's outbox in the same write.
 */
export class MongoUserRepository implements UserRepository {
  private readonly users: Collection<UserDocument>;

  constructor(
    db: Db,
    private readonly outbox: MongoOutboxStore,
  ) {
    // Optional fields left `undefined` are not stored at all (instead of as null).
    this.users = outbox.serializedWrites(db.collection<UserDocument>('users', { ignoreUndefined: true }));
  }

  /** Creates the unique index on `emailKey` that `create` relies on; call once at start. */
  async ensureIndexes(): Promise<void> {
    await this.users.createIndex({ emailKey: 1 }, { unique: true, name: 'emailKey_unique' });
    await this.users.createIndex({ createdAt: -1, _id: -1 }, { name: 'newest' });
    await this.users.createIndex({ 'kyc.status': 1, createdAt: -1, _id: -1 }, { name: 'kyc_newest' });
  }

  async create(user: User): Promise<void> {
    await this.translatingEmailConflict(() => this.users.insertOne(toDocument(user)));
  }

  async save(user: User, events: PendingEvents, expectedKycStatus?: KycStatus): Promise<void> {
    const update = replaceWithOutbox(toDocument(user), events, OPTIONAL_FIELDS);
    const filter: Filter<UserDocument> = {
      _id: user.id,
      ...(expectedKycStatus === undefined ? {} : { 'kyc.status': expectedKycStatus }),
    };
    const result = await this.translatingEmailConflict(() => this.users.updateOne(filter, update));
    if (result.matchedCount === 0)
      throw (await this.users.countDocuments({ _id: user.id }))
        ? identityErrors.concurrentUpdate()
        : identityErrors.userNotFound();
    this.outbox.written(events);
  }

  async findById(id: string): Promise<User | null> {
    const document = await this.users.findOne({ _id: id });
    return document && toUser(document);
  }

  async findByEmailKey(emailKey: string): Promise<User | null> {
    const document = await this.users.findOne({ emailKey });
    return document && toUser(document);
  }

  async list(filter: UserFilter, page: PageRequest): Promise<Page<User>> {
    const after = page.cursor ? decodeCursor(page.cursor) : undefined;
    const query = { $and: [userFilter(filter), newestFirstAfter(after)] } as Filter<UserDocument>;
    const documents = await this.users
      .find(query)
      .sort({ createdAt: -1, _id: -1 })
      .limit(page.limit + 1)
      .toArray();
    return newestFirstPage(documents.map(toUser), page.limit);
  }

  private async translatingEmailConflict<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw isUniqueViolation(error, 'emailKey') ? identityErrors.emailTaken() : error;
    }
  }
}

function userFilter(filter: UserFilter): Filter<UserDocument> {
  const query: Filter<UserDocument> = {};
  if (filter.kycStatus !== undefined) query['kyc.status'] = filter.kycStatus;
  if (filter.role !== undefined) query.roles = filter.role;
  if (filter.q !== undefined) {
    const part = { $regex: filter.q.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' };
    query.$or = [{ email: part }, { displayName: part }];
  }
  return query;
}

function toDocument(user: User): UserDocument {
  return {
    _id: user.id,
    email: user.email,
    emailKey: user.emailKey,
    passwordHash: user.passwordHash,
    displayName: user.displayName,
    roles: [...user.roles],
    kyc: toKyc(user.kyc),
    phone: user.phone,
    address: user.address && toAddress(user.address),
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

function toUser(document: UserDocument): User {
  return {
    id: document._id,
    email: document.email,
    emailKey: document.emailKey,
    passwordHash: document.passwordHash,
    displayName: document.displayName,
    roles: document.roles,
    kyc: toKyc(document.kyc),
    ...optional('phone', document.phone),
    ...optional('address', document.address && toAddress(document.address)),
    createdAt: document.createdAt,
    updatedAt: document.updatedAt,
  };
}

/** Copies a KYC field by field, leaving out absent (undefined or null) optional fields. */
function toKyc(kyc: Kyc): Kyc {
  return {
    status: kyc.status,
    documentMediaIds: [...kyc.documentMediaIds],
    ...optional('reason', kyc.reason),
    ...optional('submittedAt', kyc.submittedAt),
    ...optional('decidedAt', kyc.decidedAt),
    ...optional('decidedBy', kyc.decidedBy),
  };
}

function toAddress(address: Address): Address {
  return {
    line1: address.line1,
    ...optional('line2', address.line2),
    city: address.city,
    postalCode: address.postalCode,
    country: address.country,
  };
}

/** `{ [key]: value }`, or nothing when the value is absent (a document may hold null). */
function optional<K extends string, V>(key: K, value: V | null | undefined): Partial<Record<K, V>> {
  return value == null ? {} : ({ [key]: value } as Record<K, V>);
}
