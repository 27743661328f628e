import type { Collection, Document, Filter, UpdateFilter } from 'mongodb';
import { parseEnvelope, type EventEnvelope } from '../../../application/shared/events/envelope.js';
import type {
  ClaimedEvents,
  OutboxSignal,
  OutboxStats,
  OutboxStore,
  PendingEvents,
} from '../../../application/shared/outbox/outbox.js';

/**
 * The single-document outbox: a document keeps the events its writes caused in `outbox` (in
 * order) until the relay has published them; `outboxPending` flags (and indexes) the documents
 * that have some, `outboxLease` says which relay holds them. A state write and its events are
 * one document write, atomic on every MongoDB and on FerretDB, with no transaction.
 */
export interface OutboxFields {
  outbox?: EventEnvelope[];
  outboxPending?: boolean;
  outboxLease?: { owner: string; until: Date } | null;
}

const plain = (events: PendingEvents): EventEnvelope[] =>
  events.map((event) => JSON.parse(JSON.stringify(event)) as EventEnvelope);

/** A new document with its first events. */
export function insertWithOutbox<T extends Document>(document: T, events: PendingEvents): T & OutboxFields {
  return { ...document, outbox: plain(events), outboxPending: events.length > 0 };
}

/**
 * An update that writes `document`'s fields (those listed in `optional` and absent are removed,
 * as a replace would) and appends `events` to the document's outbox.
 */
export function replaceWithOutbox<T extends Document>(
  document: T,
  events: PendingEvents,
  optional: readonly string[] = [],
): UpdateFilter<T> {
  const { _id: _ignored, ...fields } = document;
  const unset = Object.fromEntries(optional.filter((key) => fields[key] === undefined).map((key) => [key, '']));
  const update: Document = { $set: { ...dropUndefined(fields), ...(events.length ? { outboxPending: true } : {}) } };
  if (Object.keys(unset).length) update.$unset = unset;
  if (events.length) update.$push = { outbox: { $each: plain(events) } };
  return update as UpdateFilter<T>;
}

/** `$push` of events alone (a fact recorded on a document whose state is written elsewhere in the same update). */
export function appendOutbox(events: PendingEvents): Document {
  return events.length ? { $set: { outboxPending: true }, $push: { outbox: { $each: plain(events) } } } : {};
}

function dropUndefined(fields: Document): Document {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

const SERIALIZED_WRITES = new Set(['updateOne', 'replaceOne', 'findOneAndUpdate', 'findOneAndReplace', 'deleteOne']);

/**
 * The outbox of one collection, as the relay sees it.
 *
 * The relay writes the documents the repositories write (its lease, the removal of what it
 * published). On MongoDB each update is atomic on its document, so both may run at once. FerretDB
 * applies an update as a read-modify-write of the whole document, so a relay update racing a
 * repository update of the same document can undo it (seen: a published listing back in `draft`).
 * So within a process, every write of one document through any such store or through a collection
 * handed out by serializedWrites() runs after the previous one (a promise chain per document).
 */
export class MongoOutboxStore implements OutboxStore {
  readonly name: string;
  /** Shared by every store of the process (two app instances in one process write the same documents). */
  private static readonly writes = new Map<string, Promise<unknown>>();

  constructor(
    private readonly collection: Collection<Document>,
    private readonly signal?: OutboxSignal,
  ) {
    this.name = `mongo:${collection.collectionName}`;
  }

  async ensureIndexes(): Promise<void> {
    await this.collection.createIndex({ outboxPending: 1 }, { name: 'outbox_pending' });
  }

  /** Tells this process's relay that a write just stored events. */
  written(events: PendingEvents): void {
    if (events.length) this.signal?.notify(this.name);
  }

  /** `collection` whose single-document writes by `_id` are serialized with the relay's (see the class comment). */
  serializedWrites<T extends Document>(collection: Collection<T>): Collection<T> {
    return new Proxy(collection, {
      get: (target, property, receiver) => {
        const value: unknown = Reflect.get(target, property, receiver);
        if (typeof value !== 'function' || typeof property !== 'string' || !SERIALIZED_WRITES.has(property))
          return value;
        return (filter: Filter<T>, ...rest: unknown[]) => {
          const run = () => (value as (...args: unknown[]) => Promise<unknown>).call(target, filter, ...rest);
          const id: unknown = filter?._id;
          return typeof id === 'string' ? this.serialized(id, run) : run();
        };
      },
    });
  }

  /** Runs `write` of document `id` after this process's writes of it in flight. */
  private async serialized<T>(documentId: string, write: () => Promise<T>): Promise<T> {
    const id = `${this.collection.dbName}.${this.collection.collectionName}:${documentId}`;
    const writes = MongoOutboxStore.writes;
    const previous = writes.get(id) ?? Promise.resolve();
    const run = previous.then(write, write);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    writes.set(id, settled);
    try {
      return await run;
    } finally {
      if (writes.get(id) === settled) writes.delete(id);
    }
  }

  async claim(owner: string, now: Date, leaseMs: number, limit: number): Promise<ClaimedEvents[]> {
    const free: Filter<Document> = {
      outboxPending: true,
      $or: [{ outboxLease: null }, { 'outboxLease.until': { $lte: now } }],
    };
    const candidates = await this.collection
      .find(free, { projection: { _id: 1 } })
      .limit(limit)
      .toArray();
    const lease = { $set: { outboxLease: { owner, until: new Date(now.getTime() + leaseMs) } } };
    const claims = await Promise.all(candidates.map(({ _id }) => this.claimOne(String(_id), free, lease, owner)));
    return claims.filter((claim): claim is ClaimedEvents => claim !== null);
  }

  /** Leases one document (the filter is repeated so that a lease another relay took meanwhile holds). */
  private async claimOne(
    id: string,
    free: Filter<Document>,
    lease: Document,
    owner: string,
  ): Promise<ClaimedEvents | null> {
    const _id = id as unknown as Filter<Document>['_id'];
    const claimed = await this.serialized(id, () =>
      this.collection.findOneAndUpdate({ ...free, _id }, lease, { returnDocument: 'after' }),
    );
    if (!claimed || claimed.outboxLease?.owner !== owner) return null;
    const raw = (claimed.outbox ?? []) as Document[];
    if (raw.length > 0) return { key: id, events: raw.map((entry) => parseEnvelope(entry)), receipt: raw };
    await this.serialized(id, () =>
      this.collection.updateOne({ _id, outbox: [] }, { $set: { outboxPending: false, outboxLease: null } }),
    );
    return null;
  }

  async done(owner: string, claimed: ClaimedEvents, count: number): Promise<void> {
    const _id = claimed.key as unknown as Filter<Document>['_id'];
    const published = (claimed.receipt as Document[]).slice(0, count);
    const update: Document = { $set: { outboxLease: null } };
    if (published.length) update.$pullAll = { outbox: published };
    await this.serialized(claimed.key, async () => {
      await this.collection.updateOne({ _id, 'outboxLease.owner': owner }, update);
      await this.collection.updateOne({ _id, outbox: [] }, { $set: { outboxPending: false } });
    });
  }

  async stats(): Promise<OutboxStats> {
    const pending = await this.collection
      .find({ outboxPending: true }, { projection: { outbox: 1 } })
      .limit(10_000)
      .toArray();
    let depth = 0;
    let oldest: string | null = null;
    for (const document of pending) {
      for (const event of (document.outbox ?? []) as EventEnvelope[]) {
        depth += 1;
        if (oldest === null || event.occurredAt < oldest) oldest = event.occurredAt;
      }
    }
    return { depth, oldest: oldest === null ? null : new Date(oldest) };
  }
}
