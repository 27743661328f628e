import request from 'supertest';
import { expect } from 'vitest';
import { auctionWorld, type AuctionWorld } from './auction-helpers.js';
import { registerUser, type SignedIn } from './http-helpers.js';
import type { TestApp } from './test-app.js';

const address = { name: 'Ada Lovelace', line1: '1 rue de Rivoli', city: 'Paris', postalCode: '75001', country: 'FR' };
let keys = 0;

export interface DeliveryWorld extends AuctionWorld {
  /** A user registered with the courier role. */
  courier(): Promise<SignedIn>;
  /** A `pending_payment` order of a new buyer for one unit of a new listing of the seller (cart -> POST /orders). */
  pendingOrder(): Promise<{ orderId: string; listingId: string; buyer: SignedIn; body: Record<string, unknown> }>;
  /** A paid order of a new buyer for one unit of a new listing of the seller (cart -> POST /orders -> pay). */
  paidOrder(): Promise<{ orderId: string; buyer: SignedIn }>;
  /** POST /deliveries for a new paid order by the seller: a pending delivery. */
  pendingDelivery(): Promise<{ deliveryId: string; orderId: string; buyer: SignedIn }>;
  /** A pending delivery assigned by the admin to a new courier. */
  assignedDelivery(): Promise<{ deliveryId: string; orderId: string; buyer: SignedIn; courier: SignedIn }>;
}

/** The auction world's admin and verified seller, plus paid orders and deliveries over HTTP. */
export async function deliveryWorld(t: TestApp): Promise<DeliveryWorld> {
  const w = await auctionWorld(t);
  const courier = () => registerUser(t.app, { roles: ['courier'] });
  const pendingOrder = async () => {
    const listingId = await w.listing(1);
    const buyer = await registerUser(t.app);
    expect(
      (await request(t.app).post('/api/v1/cart/items').set(buyer.auth).send({ listingId, quantity: 1 })).status,
    ).toBe(201);
    const created = await request(t.app)
      .post('/api/v1/orders')
      .set(buyer.auth)
      .set('Idempotency-Key', `delivery-order-${++keys}`)
      .send({ shippingAddress: address });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { orderId: created.body.id as string, listingId, buyer, body: created.body as Record<string, unknown> };
  };
  const paidOrder = async () => {
    const { orderId, buyer } = await pendingOrder();
    const paid = await request(t.app)
      .post(`/api/v1/orders/${orderId}/pay`)
      .set(buyer.auth)
      .send({ paymentMethod: 'test_card' });
    expect(paid.body.status, JSON.stringify(paid.body)).toBe('paid');
    return { orderId, buyer };
  };
  const pendingDelivery = async () => {
    const { orderId, buyer } = await paidOrder();
    const created = await request(t.app).post('/api/v1/deliveries').set(w.seller.auth).send({ orderId });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { deliveryId: created.body.id as string, orderId, buyer };
  };
  const assignedDelivery = async () => {
    const pending = await pendingDelivery();
    const assignee = await courier();
    const assigned = await request(t.app)
      .post(`/api/v1/deliveries/${pending.deliveryId}/assign`)
      .set(w.admin)
      .send({ courierId: assignee.id });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    return { ...pending, courier: assignee };
  };
  return { ...w, courier, pendingOrder, paidOrder, pendingDelivery, assignedDelivery };
}
