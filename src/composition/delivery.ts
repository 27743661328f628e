import type { Container } from 'inversify';
import type { Config } from '../config.js';

/** Delivery: couriers, pickup, tracking and completion. */
export async function bindDelivery(_container: Container, _config: Config): Promise<void> {}

/** The delivery module's consumers; registered before the bus starts. */
export function subscribeDelivery(_container: Container): void {}

/** After the realtime gateway is bound: who may watch a delivery, and couriers' `delivery.location` socket events. */
export function startDelivery(_container: Container): void {}
