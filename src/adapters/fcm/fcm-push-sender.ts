import type { PushMessage, PushResult, PushSender } from '../../application/notifications/ports/push-sender.js';

/** FCM takes at most this many tokens in one multicast. */
export const FCM_MAX_TOKENS_PER_CALL = 500;

/** Error codes meaning the token will never work again: the device is forgotten. */
const STALE_TOKEN_CODES = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);

/** The multicast message sent (a subset of firebase-admin's MulticastMessage). */
export interface FcmMulticastMessage {
  tokens: string[];
  notification: { title: string; body: string };
  data: Record<string, string>;
}

/** One token's answer (firebase-admin's SendResponse fits). */
export interface FcmSendResponse {
  success: boolean;
  error?: { code: string; message: string };
}

/** What the sender needs of firebase-admin's Messaging: `getMessaging(app)` fits, and so does a recording fake. */
export interface FcmMessaging {
  sendEachForMulticast(message: FcmMulticastMessage): Promise<{ responses: FcmSendResponse[] }>;
}

export interface FcmFailureLog {
  warn(context: object, message: string): void;
}

/**
 * PushSender over Firebase Cloud Messaging: batches of at most 500 tokens, one result per token.
 * A batch whose call throws (network, credentials, quota) answers every token of it as failed:
 * the caller falls back, nothing crashes.
 */
export class FcmPushSender implements PushSender {
  readonly configured = true;

  constructor(
    private readonly messaging: FcmMessaging,
    private readonly log?: FcmFailureLog,
  ) {}

  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult[]> {
    const batches = chunks(tokens, FCM_MAX_TOKENS_PER_CALL);
    return (await Promise.all(batches.map((batch) => this.sendBatch(batch, message)))).flat();
  }

  private async sendBatch(tokens: string[], { title, body, data }: PushMessage): Promise<PushResult[]> {
    try {
      const { responses } = await this.messaging.sendEachForMulticast({
        tokens,
        notification: { title, body },
        data: { ...data },
      });
      return tokens.map((token, index) => resultOf(token, responses[index]));
    } catch (error) {
      this.log?.warn(
        { err: error, tokens: tokens.length },
        'FCM multicast failed: every token of the batch counts as not delivered',
      );
      const reason = error instanceof Error ? error.message : String(error);
      return tokens.map((token) => ({ token, delivered: false, reason, unregistered: false }));
    }
  }
}

function resultOf(token: string, response: FcmSendResponse | undefined): PushResult {
  if (response?.success) return { token, delivered: true };
  const code = response?.error?.code ?? 'messaging/no-response';
  return { token, delivered: false, reason: code, unregistered: STALE_TOKEN_CODES.has(code) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}
