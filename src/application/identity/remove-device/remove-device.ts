import { DomainError } from '../../../domain/shared/domain-error.js';
import type { DeviceRepository } from '../ports/device-repository.js';

export class RemoveDevice {
  constructor(private readonly devices: DeviceRepository) {}

  async execute(userId: string, token: string): Promise<void> {
    if (!(await this.devices.remove(userId, token))) {
      throw new DomainError('not_found', 'DEVICE_NOT_FOUND', 'no such device token for this user');
    }
  }
}
