import { CompleteUpload } from '../../../src/application/media/complete-upload/complete-upload.js';
import { EventBus } from '../../../src/application/shared/events/event-bus.js';
import {
  RequestUpload,
  type RequestUploadCommand,
  type UploadTicket,
} from '../../../src/application/media/request-upload/request-upload.js';
import {
  EMBEDDED_STORE_PATH,
  EmbeddedObjectStorage,
} from '../../../src/adapters/memory/media/embedded-object-storage.js';
import type { InProcessEventBus } from '../../../src/adapters/memory/shared/in-process-event-bus.js';
import { identityFixture, type IdentityFixture } from '../identity/identity-fixture.js';

export const owner = { userId: 'owner-1', roles: ['buyer'] };
export const stranger = { userId: 'stranger-1', roles: ['buyer'] };
export const admin = { userId: 'admin-1', roles: ['admin'] };

export interface MediaFixture extends IdentityFixture {
  store: EmbeddedObjectStorage;
  bus: InProcessEventBus;
  /** RequestUpload for `owner`: a 2 KiB PNG unless told otherwise. */
  requestUpload(command?: Partial<RequestUploadCommand>): Promise<UploadTicket>;
  /** Stores bytes under a key through a presigned URL of the embedded store, as a client's PUT would. */
  putObject(key: string, contentType: string, bytes: Buffer): Promise<void>;
  /** Uploads what the ticket declared. */
  upload(ticket: UploadTicket): Promise<void>;
  /** Requests an upload for `owner`, uploads it and completes it: pending moderation. */
  pendingMedia(): Promise<UploadTicket['media']>;
}

/** The media use cases on the in-memory adapters (the embedded store), with a hand-driven clock, on `base`'s app. */
export async function mediaFixture(
  env: Record<string, string> = {},
  base: (env: Record<string, string>) => Promise<IdentityFixture> = identityFixture,
): Promise<MediaFixture> {
  const f = await base(env);
  const store = f.container.get(EmbeddedObjectStorage);
  const requestUpload = (command: Partial<RequestUploadCommand> = {}) =>
    f.container
      .get(RequestUpload)
      .execute({ ownerId: owner.userId, contentType: 'image/png', size: 2048, filename: 'bike.png', ...command });
  const putObject = async (key: string, contentType: string, bytes: Buffer) => {
    const url = new URL((await store.presignPut({ key, contentType, size: bytes.length, expiresInSeconds: 60 })).url);
    const signedKey = decodeURIComponent(url.pathname.slice(EMBEDDED_STORE_PATH.length + 1));
    store.put(
      store.authorizePut({
        key: signedKey,
        query: Object.fromEntries(url.searchParams),
        contentType,
        contentLength: bytes.length,
      }),
      bytes,
    );
  };
  const upload = ({ media }: UploadTicket) =>
    putObject(media.objectKey, media.contentType, Buffer.alloc(media.size, 7));
  const pendingMedia = async () => {
    const ticket = await requestUpload();
    await upload(ticket);
    return f.container.get(CompleteUpload).execute(owner, ticket.media.id);
  };
  return {
    ...f,
    store,
    bus: f.container.get<InProcessEventBus>(EventBus),
    requestUpload,
    putObject,
    upload,
    pendingMedia,
  };
}
