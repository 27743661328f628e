/** What a push shows on a device, and the data its app receives. */
export interface PushMessage {
  title: string;
  body: string;
  data: Record<string, string>;
}

/** The answer for one device token. */
export type PushResult =
  | { token: string; delivered: true }
  /** `unregistered`: the token is no longer valid (app uninstalled, token rotated): forget it. */
  | { token: string; delivered: false; reason: string; unregistered: boolean };

/** Push to devices (Firebase Cloud Messaging, or a log when none is configured). */
export interface PushSender {
  /** false: nothing actually reaches a device (every token answers not delivered). */
  readonly configured: boolean;
  /** Sends one message to every token; one result per token, never throws for a failed send. */
  send(tokens: readonly string[], message: PushMessage): Promise<PushResult[]>;
}
export const PushSender = Symbol.for('PushSender');
