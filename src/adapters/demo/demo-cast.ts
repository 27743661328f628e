/**
 * Who plays in the demo: the accounts the seeder made (or found, on a restart) and what the live actors need of
 * the catalogue. The seeder returns it; the bot bidders and the simulated courier act as these users.
 */
export interface DemoUser {
  id: string;
  email: string;
  displayName: string;
}

export interface DemoCast {
  admin: DemoUser;
  /** seller1, seller2: KYC verified, each with published listings. */
  sellers: DemoUser[];
  /** buyer1, buyer2: the humans' accounts (the browser tests sign in as buyer1). */
  buyers: DemoUser[];
  courier: DemoUser;
  /** Bidding bots: accounts of their own, never the humans'. */
  bots: DemoUser[];
  /** Where the auction lots are listed (a leaf category whose required attributes the lots fill). */
  auctionCategoryId: string;
  /** A published fixed-price listing with ample stock that the courier's deliveries are ordered from. */
  deliveryListingId: string;
}

/** The password of every printed demo account. */
export const DEMO_PASSWORD = 'demo-password';

export interface DemoAccount {
  email: string;
  displayName: string;
  roles: ('admin' | 'buyer' | 'seller' | 'courier')[];
}

/** The accounts printed at start and listed on the console's sign-in page, all with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'admin@demo.uty', displayName: 'Demo Admin', roles: ['admin'] },
  { email: 'seller1@demo.uty', displayName: 'Ada Seller', roles: ['seller'] },
  { email: 'seller2@demo.uty', displayName: 'Ben Seller', roles: ['seller'] },
  { email: 'buyer1@demo.uty', displayName: 'Cleo Buyer', roles: ['buyer'] },
  { email: 'buyer2@demo.uty', displayName: 'Dan Buyer', roles: ['buyer'] },
  { email: 'courier1@demo.uty', displayName: 'Eve Courier', roles: ['courier'] },
];
