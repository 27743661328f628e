/** An amount in minor units (cents) of an ISO 4217 currency. Never a float. */
export interface Money {
  amount: number;
  currency: string;
}
