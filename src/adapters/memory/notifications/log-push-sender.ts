import type { PushMessage, PushResult, PushSender } from '../../../application/notifications/ports/push-sender.js';

export interface PushLog {
  info(context: object, message: string): void;
}

export const PUSH_NOT_CONFIGURED = 'push not configured';

/**
 * The embedded default (no FCM_CREDENTIALS): logs what it would push; no token is delivered, so the realtime fallback
 * runs.
 */
export class LogPushSender implements PushSender {
  readonly configured = false;

  constructor(private readonly log: PushLog) {}

  async send(tokens: readonly string[], message: PushMessage): Promise<PushResult[]> {
    this.log.info(
      { tokens: tokens.length, title: message.title, data: message.data },
      'push not sent: FCM_CREDENTIALS is not set',
    );
    return tokens.map((token) => ({ token, delivered: false, reason: PUSH_NOT_CONFIGURED, unregistered: false }));
  }
}
