import type { AssignCourier } from './assign-courier/assign-courier.js';
import type { CompleteDelivery } from './complete-delivery/complete-delivery.js';
import type { CreateDelivery } from './create-delivery/create-delivery.js';
import type { GetDelivery } from './get-delivery/get-delivery.js';
import type { ListDeliveries } from './list-deliveries/list-deliveries.js';
import type { PickUpDelivery } from './pick-up-delivery/pick-up-delivery.js';
import type { RecordLocation } from './record-location/record-location.js';

/** The delivery use cases its driving adapters (the HTTP routes) call, bound by its composition. */
export interface DeliveryUseCases {
  createDelivery: CreateDelivery;
  assignCourier: AssignCourier;
  pickUpDelivery: PickUpDelivery;
  recordLocation: RecordLocation;
  completeDelivery: CompleteDelivery;
  getDelivery: GetDelivery;
  listDeliveries: ListDeliveries;
}
export const DeliveryUseCases = Symbol.for('DeliveryUseCases');
