import { api, get, idempotencyKey } from '../api.js';
import { errorBox, field, h, show } from '../dom.js';
import { countdown, formatDate, formatMoney, fromMinorUnits, toMinorUnits } from '../format.js';
import { listingImage } from '../media.js';
import { on, subscribe } from '../realtime.js';
import { currentUser } from '../session.js';

/** The public fields every auction.* event of the room carries (auction-room-payloads.ts). */
const LIVE_FIELDS = ['currentPrice', 'endsAt', 'reserveMet', 'leadingBidderAlias', 'bidCount'];

/**
 * One auction, live: its state comes from GET /auctions/:id, then from the room's events. Who leads is known by
 * alias: the signed-in user's alias is the one on their own bids (whose bidderId only they are shown).
 */
class AuctionView {
  constructor(auction, bids, listing) {
    this.auction = auction;
    this.listing = listing;
    this.bids = bids;
    this.me = currentUser();
    this.myAlias = bids.find((bid) => this.me && bid.bidderId === this.me.id)?.bidderAlias ?? null;
    this.price = h('strong', { class: 'big', 'data-testid': 'auction-price' });
    this.countdown = h('span', { role: 'timer', 'data-testid': 'auction-countdown' });
    this.reserve = h('span', { 'data-testid': 'auction-reserve' });
    this.leader = h('span', { 'data-testid': 'auction-leader' });
    this.standing = h('p', { class: 'standing', 'aria-live': 'polite', 'data-testid': 'auction-standing' });
    this.history = h('ol', { class: 'bids', 'data-testid': 'bid-history' });
    this.status = h('p', { 'data-testid': 'auction-status' });
    this.form = this.bidForm();
  }

  element() {
    return [
      h('h1', {}, this.auction.title),
      h(
        'div',
        { class: 'detail' },
        this.listing && listingImage(this.listing, 'large'),
        h(
          'section',
          { class: 'auction', 'aria-label': 'Auction' },
          h('p', { 'aria-live': 'polite' }, 'Current price ', this.price),
          h('p', {}, 'Ends in ', this.countdown),
          h('p', {}, 'Reserve: ', this.reserve, ' · Leading: ', this.leader),
          this.status,
          this.standing,
          this.form,
        ),
      ),
      h('section', { 'aria-labelledby': 'bids-title' }, h('h2', { id: 'bids-title' }, 'Bids'), this.history),
    ];
  }

  bidForm() {
    if (!this.me) return h('p', {}, h('a', { href: '#/sign-in' }, 'Sign in'), ' to bid.');
    const currency = this.auction.currentPrice.currency;
    const result = h('div', {});
    const form = h(
      'form',
      { class: 'bid-form', 'data-testid': 'bid-form' },
      field(`Your bid (${currency})`, { name: 'price', type: 'number', min: 0, step: 'any', required: true }),
      field(`Maximum for automatic bidding (${currency}, optional)`, {
        name: 'maxPrice',
        type: 'number',
        min: 0,
        step: 'any',
      }),
      h('button', { type: 'submit' }, 'Place bid'),
      result,
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      show(result);
      const money = (name) => ({ amount: toMinorUnits(form.elements[name].value, currency), currency });
      const body = { price: money('price'), ...(form.elements.maxPrice.value ? { maxPrice: money('maxPrice') } : {}) };
      try {
        const placed = await api('POST', `/auctions/${this.auction.id}/bids`, body, idempotencyKey());
        this.myAlias = placed.bid.bidderAlias;
        this.auction = placed.auction;
        if (placed.bid.kind === 'bid') this.addBid(placed.bid);
        form.elements.maxPrice.value = '';
        this.render();
      } catch (error) {
        show(result, errorBox(error));
      }
    });
    return form;
  }

  /** The lowest bid the server takes now, to start the form with. */
  nextBid() {
    const { currentPrice, minIncrement, bidCount } = this.auction;
    return bidCount === 0 ? currentPrice.amount : currentPrice.amount + minIncrement.amount;
  }

  addBid(bid) {
    if (this.bids.some((known) => known.id === bid.id)) return;
    this.bids.unshift(bid);
  }

  /** An event of the room: its public fields replace ours; a placed bid joins the history. */
  apply(payload) {
    if (payload.auctionId !== this.auction.id) return;
    for (const name of LIVE_FIELDS) if (payload[name] !== undefined) this.auction[name] = payload[name];
    // Events name the leader by alias only: the id we held is stale once another alias leads.
    if (!this.isMine(this.auction.leadingBidderAlias)) this.auction.leadingBidderId = null;
    if (payload.bidId) {
      const at = new Date().toISOString();
      this.addBid({ id: payload.bidId, bidderAlias: payload.bidderAlias, price: payload.price, createdAt: at });
    }
    this.render();
  }

  ended(payload) {
    this.apply(payload);
    this.auction.status = 'ended';
    this.auction.winnerAlias = payload.winnerAlias;
    this.render();
  }

  isMine(alias) {
    return this.myAlias !== null && alias === this.myAlias;
  }

  standingText() {
    const { status, leadingBidderId, leadingBidderAlias, winnerAlias } = this.auction;
    if (status === 'ended') return this.isMine(winnerAlias) ? 'You won: see your orders to pay' : '';
    if ((this.me && leadingBidderId === this.me.id) || this.isMine(leadingBidderAlias)) return 'You are leading';
    return this.myAlias ? 'You have been outbid' : '';
  }

  render() {
    const { auction } = this;
    this.price.textContent = formatMoney(auction.currentPrice);
    this.reserve.textContent = auction.reserveMet ? 'met' : 'not met yet';
    this.leader.textContent = auction.leadingBidderAlias ?? 'nobody yet';
    this.status.textContent =
      auction.status === 'live'
        ? ''
        : `Auction ${auction.status}${auction.winnerAlias ? `: ${auction.winnerAlias} won` : ''}`;
    const standing = this.standingText();
    this.standing.textContent = standing;
    this.standing.dataset.state = { 'You are leading': 'leading', 'You have been outbid': 'outbid' }[standing] ?? '';
    this.tick();
    show(
      this.history,
      this.bids.map((bid) =>
        h(
          'li',
          { 'data-testid': 'bid', class: this.isMine(bid.bidderAlias) ? 'mine' : '' },
          h('strong', {}, formatMoney(bid.price)),
          ` by ${bid.bidderAlias}${this.isMine(bid.bidderAlias) ? ' (you)' : ''} · ${formatDate(bid.createdAt)}`,
        ),
      ),
    );
    if (this.form.elements) this.refreshForm();
  }

  /** Starts the bid field at the lowest bid accepted now, unless the user typed a higher one. */
  refreshForm() {
    const { currency } = this.auction.currentPrice;
    const typed = this.form.elements.price.value;
    if (!typed || toMinorUnits(typed, currency) < this.nextBid()) {
      this.form.elements.price.value = fromMinorUnits(this.nextBid(), currency);
    }
    this.form.querySelector('button').disabled = this.auction.status !== 'live';
  }

  tick() {
    this.countdown.textContent = this.auction.status === 'live' ? countdown(this.auction.endsAt) : 'ended';
  }
}

export async function render(main, id) {
  let view;
  try {
    const path = `/auctions/${encodeURIComponent(id)}`;
    const [auction, bids] = await Promise.all([get(path), get(`${path}/bids?limit=50`)]);
    // The lot's picture only: the auction stands without it.
    const listing = await get(`/listings/${encodeURIComponent(auction.listingId)}`).catch(() => null);
    view = new AuctionView(auction, bids.items, listing);
  } catch (error) {
    return show(main, h('h1', {}, 'Auction'), errorBox(error));
  }
  show(main, view.element());
  view.render();
  const timer = setInterval(() => view.tick(), 1000);
  const stops = [
    subscribe(`auction:${id}`),
    on('auction.bid.placed', (payload) => view.apply(payload)),
    on('auction.max.raised', (payload) => view.apply(payload)),
    on('auction.ended', (payload) => view.ended(payload)),
  ];
  return () => {
    clearInterval(timer);
    stops.forEach((stop) => stop());
  };
}
