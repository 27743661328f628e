import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { cert, deleteApp, initializeApp, type ServiceAccount } from 'firebase-admin/app';
import { getMessaging } from 'firebase-admin/messaging';
import type { FcmMessaging } from './fcm-push-sender.js';

/** The real FCM client, and how to release it at shutdown. */
export interface FcmClient extends FcmMessaging {
  close(): Promise<void>;
}

const credentialsProblem =
  'FCM_CREDENTIALS: expected a Firebase service-account JSON, or the path of a file holding one';

/** FCM_CREDENTIALS is the service-account JSON itself or the path of a file holding it. */
export function readServiceAccount(credentials: string): ServiceAccount {
  const inline = credentials.trimStart().startsWith('{');
  let parsed: unknown;
  try {
    parsed = JSON.parse(inline ? credentials : readFileSync(credentials, 'utf8'));
  } catch {
    // The cause is left out: it could quote the secret.
    throw new Error(credentialsProblem);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(credentialsProblem);
  return parsed as ServiceAccount;
}

/**
 * firebase-admin's Messaging for the service account, in an app of its own (a unique name, so
 * several containers in one process never share or clash). Nothing is sent until the first push.
 */
export function createFcmMessaging(credentials: string): FcmClient {
  const app = initializeApp({ credential: cert(readServiceAccount(credentials)) }, `uty-fcm-${randomUUID()}`);
  const messaging: FcmMessaging = getMessaging(app);
  return {
    sendEachForMulticast: (message) => messaging.sendEachForMulticast(message),
    close: () => deleteApp(app),
  };
}
