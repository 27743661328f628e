/**
 * What other modules may ask of the identity module: its public API (served in-process by
 * `IdentityPublicApi`; an HTTP API after a split).
 */
export interface IdentityApi {
  /**
   * Throws 403 `KYC_REQUIRED` (or `SELLER_ROLE_REQUIRED`, or `FORBIDDEN` for an unknown user) unless the user may sell.
   */
  assertVerifiedSeller(userId: string): Promise<void>;
  /** Whether this user exists and holds the courier role. */
  isCourier(userId: string): Promise<boolean>;
  /** The push device tokens the user registered. */
  deviceTokensOf(userId: string): Promise<string[]>;
  /** Forgets those device tokens of the user. */
  removeDeviceTokens(userId: string, tokens: readonly string[]): Promise<void>;
}
export const IdentityApi = Symbol.for('IdentityApi');
