import type { Collection, Db } from 'mongodb';
import type {
  Device,
  DevicePlatform,
  DeviceRepository,
} from '../../../application/identity/ports/device-repository.js';
import { isDuplicateKeyError } from '../shared/errors.js';

interface DeviceDocument {
  _id: string;
  userId: string;
  platform: DevicePlatform;
  registeredAt: Date;
}

/** Push devices in the `devices` collection, `_id` = token, so a token has one owner at a time. */
export class MongoDeviceRepository implements DeviceRepository {
  private readonly devices: Collection<DeviceDocument>;

  constructor(db: Db) {
    this.devices = db.collection<DeviceDocument>('devices');
  }

  /** Creates the index on `userId` that `listByUser` uses; call once at start. */
  async ensureIndexes(): Promise<void> {
    await this.devices.createIndex({ userId: 1 }, { name: 'userId' });
  }

  async upsert(device: Device): Promise<boolean> {
    const previous = await this.replaceReturningPrevious(device);
    return previous?.userId !== device.userId;
  }

  async remove(userId: string, token: string): Promise<boolean> {
    const result = await this.devices.deleteOne({ _id: token, userId });
    return result.deletedCount === 1;
  }

  async listByUser(userId: string): Promise<Device[]> {
    const documents = await this.devices.find({ userId }).sort({ registeredAt: 1, _id: 1 }).toArray();
    return documents.map(toDevice);
  }

  /**
   * Writes the device and returns what the token held before. Two racing upserts of a new token
   * may both try to insert; the loser gets E11000 and retries once, now as an update.
   */
  private async replaceReturningPrevious(device: Device, retry = true): Promise<DeviceDocument | null> {
    const { token, userId, platform, registeredAt } = device;
    try {
      return await this.devices.findOneAndUpdate(
        { _id: token },
        { $set: { userId, platform, registeredAt } },
        { upsert: true, returnDocument: 'before' },
      );
    } catch (error) {
      if (retry && isDuplicateKeyError(error)) return this.replaceReturningPrevious(device, false);
      throw error;
    }
  }
}

function toDevice(document: DeviceDocument): Device {
  return {
    token: document._id,
    userId: document.userId,
    platform: document.platform,
    registeredAt: document.registeredAt,
  };
}
