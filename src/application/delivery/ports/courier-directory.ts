/** Who may be assigned a delivery, served by the identity module. */
export interface CourierDirectory {
  /** Whether this user exists and holds the courier role. */
  isCourier(userId: string): Promise<boolean>;
}
export const CourierDirectory = Symbol.for('CourierDirectory');
