/** The push device tokens of a user, as the notifications module needs them (served by identity). */
export interface NotificationDevices {
  tokensOf(userId: string): Promise<string[]>;
  /** Forgets tokens the push service answered as no longer registered. */
  removeStale(userId: string, tokens: readonly string[]): Promise<void>;
}
export const NotificationDevices = Symbol.for('NotificationDevices');
