export type DevicePlatform = 'android' | 'ios' | 'web';

export interface Device {
  token: string;
  userId: string;
  platform: DevicePlatform;
  registeredAt: Date;
}

/** Push device tokens. A token belongs to one user at a time: registering it again moves it. */
export interface DeviceRepository {
  /** Inserts or updates by token; returns true when the token was not registered for this user before. */
  upsert(device: Device): Promise<boolean>;
  /** Removes the user's token; false when the user had no such token. */
  remove(userId: string, token: string): Promise<boolean>;
  listByUser(userId: string): Promise<Device[]>;
}
export const DeviceRepository = Symbol.for('DeviceRepository');
