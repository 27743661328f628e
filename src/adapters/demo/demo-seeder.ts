import { DEMO_BOTS, demoUserOf, ensureVerifiedSeller, seedAccount, seedAdmin } from './demo-accounts.js';
import { DEMO_ACCOUNTS, type DemoAccount, type DemoCast } from './demo-cast.js';
import { AUCTION_CATEGORY_PATH, DEMO_CATEGORIES } from './demo-catalog-data.js';
import { seedCategories } from './demo-categories.js';
import type { DemoDeps } from './demo-deps.js';
import { seedListings } from './demo-listings-seed.js';

type Role = DemoAccount['roles'][number];

/**
 * Seeds the demo through the use cases, as its people would: the printed accounts and the bots, KYC-verified sellers,
 * a category tree with typed attributes and the sellers' published listings with approved images. Idempotent: on
 * stores an earlier seed filled (a restart on MongoDB), it finds all of it and adds nothing.
 */
export class DemoSeeder {
  constructor(private readonly deps: DemoDeps) {}

  async seed(): Promise<DemoCast> {
    const started = Date.now();
    const admin = demoUserOf(await seedAdmin(this.deps, theAccountOf('admin')));
    const [sellers, buyers, courier, bots] = await Promise.all([
      this.seedAccounts(accountsOf('seller')),
      this.seedAccounts(accountsOf('buyer')),
      seedAccount(this.deps, theAccountOf('courier')),
      this.seedAccounts(DEMO_BOTS),
    ]);
    await Promise.all(sellers.map((seller) => ensureVerifiedSeller(this.deps, admin, seller)));
    const categoryIds = await seedCategories(this.deps, admin, DEMO_CATEGORIES);
    const sellerUsers = sellers.map(demoUserOf);
    const listings = await seedListings(this.deps, admin, sellerUsers, categoryIds);
    this.deps.logger.info(
      {
        accounts: DEMO_ACCOUNTS.length + bots.length,
        categories: categoryIds.size,
        listings: listings.ids.size,
        listingsPublishedNow: listings.published,
        ms: Date.now() - started,
      },
      'demo data seeded',
    );
    return {
      admin,
      sellers: sellerUsers,
      buyers: buyers.map(demoUserOf),
      courier: demoUserOf(courier),
      bots: bots.map(demoUserOf),
      auctionCategoryId: categoryIds.get(AUCTION_CATEGORY_PATH)!,
      deliveryListingId: listings.deliveryListingId,
    };
  }

  private seedAccounts(accounts: readonly DemoAccount[]) {
    return Promise.all(accounts.map((account) => seedAccount(this.deps, account)));
  }
}

/** The printed accounts whose role this is, in DEMO_ACCOUNTS order (seller1 before seller2). */
const accountsOf = (role: Role) => DEMO_ACCOUNTS.filter((account) => account.roles.includes(role));

function theAccountOf(role: Role): DemoAccount {
  const [account] = accountsOf(role);
  if (!account) throw new Error(`DEMO_ACCOUNTS names no ${role}`);
  return account;
}
