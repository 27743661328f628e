import type { Device, DeviceRepository } from '../../../application/identity/ports/device-repository.js';

/** DeviceRepository in process memory, keyed by token; stores and returns copies. */
export class MemoryDeviceRepository implements DeviceRepository {
  private readonly devices = new Map<string, Device>();

  async upsert(device: Device): Promise<boolean> {
    const previous = this.devices.get(device.token);
    this.devices.set(device.token, copy(device));
    return previous?.userId !== device.userId;
  }

  async remove(userId: string, token: string): Promise<boolean> {
    if (this.devices.get(token)?.userId !== userId) return false;
    return this.devices.delete(token);
  }

  /** Oldest registration first, then by token, as the MongoDB adapter sorts. */
  async listByUser(userId: string): Promise<Device[]> {
    return [...this.devices.values()]
      .filter((device) => device.userId === userId)
      .sort((a, b) => a.registeredAt.getTime() - b.registeredAt.getTime() || compareStrings(a.token, b.token))
      .map(copy);
  }
}

function copy(device: Device): Device {
  return {
    token: device.token,
    userId: device.userId,
    platform: device.platform,
    registeredAt: new Date(device.registeredAt),
  };
}

/** Plain code-unit order, like MongoDB's default (no collation) order for such tokens. */
function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
