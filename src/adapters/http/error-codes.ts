import type { ZodType } from 'zod';
import { z } from './openapi/zod-openapi.js';
import { moneySchema } from './shared/schemas.js';

/** What a problem's `code` means to a client: its HTTP status and the extra members its problem carries. */
export interface ErrorCode {
  status: number;
  meaning: string;
  /** Members of the problem besides type, title, status, detail, code and errors. */
  extra?: Record<string, ZodType>;
}

const statusName = (meaning: string) => z.string().describe(meaning);
const objectShape = z.object({ contentType: z.string(), size: z.number().int() });

/**
 * Every `code` the HTTP API answers, in one place: the OpenAPI document lists them per status
 * (openapi/problem-responses.ts), the error table of docs/ is generated from them, and
 * test/http/error-codes.test.ts checks that every code thrown in src is here with its status.
 * Socket.IO-only codes (src/adapters/realtime) and the event envelope's are not HTTP answers.
 */
export const errorCodes = {
  // 400: the request breaks a rule of its shape; `errors` names each refused field (body.x, query.x, headers.x).
  VALIDATION_FAILED: { status: 400, meaning: 'the body, query, path parameters or a header break their schema' },
  MALFORMED_JSON: { status: 400, meaning: 'the body is not valid JSON' },
  MALFORMED_BODY: { status: 400, meaning: 'the body could not be read (corrupt compressed data, wrong length)' },
  MALFORMED_URL: { status: 400, meaning: 'the path holds a malformed percent-encoding' },
  INVALID_CURSOR: { status: 400, meaning: 'the cursor is not one this list gave' },
  CATEGORY_PARENT_NOT_FOUND: { status: 400, meaning: 'the parent category does not exist' },
  CATEGORY_ATTRIBUTES_INVALID: { status: 400, meaning: 'invalid attribute definitions' },
  LISTING_ATTRIBUTES_INVALID: { status: 400, meaning: "the attributes break their category's definitions" },
  MONEY_UNKNOWN_CURRENCY: {
    status: 400,
    meaning: 'not an active ISO 4217 currency code',
    extra: { currency: z.string() },
  },
  KYC_DOCUMENT_INVALID: { status: 400, meaning: 'a document is not uploaded media of yours' },
  KYC_DOCUMENTS_REQUIRED: { status: 400, meaning: 'at least one document is required' },
  DELIVERY_NOT_A_COURIER: { status: 400, meaning: 'courierId is not a courier' },
  ORDER_SHIPPING_ADDRESS_REQUIRED: { status: 400, meaning: 'the order has no shipping address yet: pay with one' },
  ORDER_NO_ITEMS: { status: 400, meaning: 'an order has an item at least' },
  MEDIA_TYPE_NOT_ALLOWED: {
    status: 400,
    meaning: 'the content type is not one media accepts',
    extra: { allowed: z.array(z.string()).describe('the accepted content types') },
  },
  MEDIA_SIZE_INVALID: {
    status: 400,
    meaning: 'the size is not a whole number of bytes within the limit',
    extra: { maxBytes: z.number().int() },
  },
  MEDIA_FILENAME_INVALID: { status: 400, meaning: 'filename must be 1 to 255 characters, without control characters' },
  AUCTION_MAX_BELOW_PRICE: { status: 400, meaning: 'maxPrice must be at least price' },
  AUCTION_WRONG_CURRENCY: { status: 400, meaning: "an amount is not in the auction's currency" },
  AUCTION_INVALID_TERMS: { status: 400, meaning: 'the auction terms break a rule (dates, prices, quantity)' },
  STORAGE_CONTENT_TYPE_MISMATCH: {
    status: 400,
    meaning: 'the upload URL accepts another Content-Type',
    extra: { contentType: z.string().describe('the signed content type') },
  },
  STORAGE_SIZE_MISMATCH: {
    status: 400,
    meaning: 'the upload URL accepts a body of another size',
    extra: { size: z.number().int().describe('the signed size in bytes') },
  },
  // 401
  AUTH_INVALID_CREDENTIALS: { status: 401, meaning: 'email or password is wrong' },
  AUTH_INVALID_TOKEN: { status: 401, meaning: 'the access token is missing (where required), invalid or expired' },
  AUTH_INVALID_REFRESH_TOKEN: { status: 401, meaning: 'the refresh token is invalid or expired' },
  AUTH_REFRESH_TOKEN_REUSED: {
    status: 401,
    meaning: 'the refresh token was already used: every session of this login is revoked',
  },
  // 402
  PAYMENT_DECLINED: { status: 402, meaning: 'the payment was declined' },
  // 403
  FORBIDDEN: { status: 403, meaning: 'the route needs a role the caller does not hold' },
  SELLER_ROLE_REQUIRED: { status: 403, meaning: 'only sellers may do this' },
  KYC_REQUIRED: {
    status: 403,
    meaning: 'a verified KYC is required to sell',
    extra: { kycStatus: statusName('the KYC status of the caller') },
  },
  LISTING_NOT_OWNER: { status: 403, meaning: 'only the seller of the listing may do this' },
  AUCTION_NOT_LISTING_OWNER: { status: 403, meaning: 'only the seller of the listing can auction it' },
  AUCTION_NOT_SELLER: { status: 403, meaning: 'only the seller or an admin can cancel an auction' },
  AUCTION_SELLER_CANNOT_BUY: { status: 403, meaning: 'the seller cannot buy their own auction' },
  AUCTION_SELLER_CANNOT_BID: { status: 403, meaning: 'the seller cannot bid on their own auction' },
  DELIVERY_NOT_SELLER: { status: 403, meaning: 'only a seller of the order or an admin may ship it' },
  DELIVERY_NOT_ADMIN: { status: 403, meaning: 'only an admin may assign a courier' },
  DELIVERY_NOT_COURIER: { status: 403, meaning: 'only the courier of this delivery may do that' },
  STORAGE_SIGNATURE_INVALID: { status: 403, meaning: 'the upload URL signature is missing or does not match' },
  STORAGE_URL_EXPIRED: { status: 403, meaning: 'the upload URL has expired' },
  // 404
  ROUTE_NOT_FOUND: { status: 404, meaning: 'no route for this method and path' },
  USER_NOT_FOUND: { status: 404, meaning: 'no such user' },
  DEVICE_NOT_FOUND: { status: 404, meaning: 'no such device token for this user' },
  CATEGORY_NOT_FOUND: { status: 404, meaning: 'no such category' },
  LISTING_NOT_FOUND: { status: 404, meaning: 'no such listing, or not yours to see' },
  MEDIA_NOT_FOUND: { status: 404, meaning: 'no such media, or not yours to see' },
  CART_ITEM_NOT_FOUND: { status: 404, meaning: 'this listing is not in your cart' },
  ORDER_NOT_FOUND: { status: 404, meaning: 'no such order, or not yours to see' },
  AUCTION_NOT_FOUND: { status: 404, meaning: 'no such auction' },
  DELIVERY_NOT_FOUND: { status: 404, meaning: 'no such delivery, or not yours to see' },
  DELIVERY_ORDER_NOT_FOUND: { status: 404, meaning: 'the order to deliver does not exist (errors names orderId)' },
  NOTIFICATION_NOT_FOUND: { status: 404, meaning: 'no such notification of yours' },
  STORAGE_OBJECT_NOT_FOUND: { status: 404, meaning: 'no object under this key' },
  // 409
  IDEMPOTENCY_KEY_REUSED: { status: 409, meaning: 'this Idempotency-Key was used with another request' },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    meaning: 'a request with this Idempotency-Key is still being handled; retry to get its answer',
  },
  EMAIL_TAKEN: { status: 409, meaning: 'an account with this email already exists' },
  USER_CONCURRENT_UPDATE: { status: 409, meaning: 'the user was changed meanwhile; read it again' },
  KYC_INVALID_TRANSITION: {
    status: 409,
    meaning: 'the KYC is not in a state that allows this',
    extra: { kycStatus: statusName('the current KYC status') },
  },
  CATEGORY_NAME_TAKEN: { status: 409, meaning: 'a category with this name already exists under the same parent' },
  CATEGORY_CYCLE: { status: 409, meaning: 'a category cannot move under itself or one of its descendants' },
  CATEGORY_HAS_CHILDREN: { status: 409, meaning: 'the category has sub-categories' },
  CATEGORY_HAS_LISTINGS: { status: 409, meaning: 'the category has listings' },
  CATEGORY_ATTRIBUTE_REDEFINED: {
    status: 409,
    meaning: 'an attribute is already defined by an ancestor or descendant',
    extra: { keys: z.array(z.string()).describe('the attributes defined twice') },
  },
  LISTING_INVALID_TRANSITION: {
    status: 409,
    meaning: 'the listing is not in a state that allows this',
    extra: { listingStatus: statusName('the current listing status') },
  },
  LISTING_CONCURRENT_UPDATE: { status: 409, meaning: 'the listing was changed meanwhile; read it again' },
  LISTING_NOT_FOR_SALE: { status: 409, meaning: 'the listing is not published' },
  INSUFFICIENT_STOCK: {
    status: 409,
    meaning: 'not enough stock',
    extra: { available: z.number().int().describe('how many units are available') },
  },
  MONEY_CURRENCY_MISMATCH: {
    status: 409,
    meaning: 'amounts in different currencies cannot be added up',
    extra: { currencies: z.array(z.string()) },
  },
  MEDIA_INVALID_TRANSITION: {
    status: 409,
    meaning: 'the media is not in a state that allows this',
    extra: { mediaStatus: statusName('the current media status') },
  },
  MEDIA_OBJECT_MISSING: { status: 409, meaning: 'nothing was uploaded for this media yet' },
  MEDIA_OBJECT_MISMATCH: {
    status: 409,
    meaning: 'the uploaded object differs from the declared content type or size',
    extra: { expected: objectShape, actual: objectShape },
  },
  MEDIA_CONCURRENT_UPDATE: { status: 409, meaning: 'the media was changed meanwhile; read it again' },
  CART_OWN_LISTING: { status: 409, meaning: 'you cannot buy your own listing' },
  CART_MIXED_CURRENCIES: {
    status: 409,
    meaning: 'a cart holds one currency at a time',
    extra: { cartCurrency: z.string(), listingCurrency: z.string() },
  },
  CART_EMPTY: { status: 409, meaning: 'the cart is empty' },
  RESERVATION_EXPIRED: {
    status: 409,
    meaning: 'a reservation of the cart has expired; add the items again',
    extra: { listingIds: z.array(z.string()).describe('the listings whose reservation expired') },
  },
  ORDER_INVALID_TRANSITION: {
    status: 409,
    meaning: 'the order is not in a state that allows this',
    extra: { orderStatus: statusName('the current order status') },
  },
  ORDER_PAYMENT_EXPIRED: {
    status: 409,
    meaning: 'the payment deadline passed: the order is or will be cancelled',
    extra: { payBy: z.iso.datetime().describe('the deadline that passed') },
  },
  ORDER_CONCURRENT_UPDATE: { status: 409, meaning: 'the order was changed meanwhile; read it again' },
  ORDER_REFUND_FAILED: {
    status: 409,
    meaning: 'the payment provider refused the refund: the order stays as it was',
    extra: { reason: z.string().describe("the provider's reason") },
  },
  AUCTION_ALREADY_OPEN: { status: 409, meaning: 'the listing already has a scheduled or live auction' },
  AUCTION_NOT_LIVE: {
    status: 409,
    meaning: 'the auction is not live',
    extra: { auctionStatus: statusName('the current auction status') },
  },
  AUCTION_BID_TOO_LOW: {
    status: 409,
    meaning: 'the bid is under the minimum (for the leader: a new maximum not above their own)',
    extra: {
      minimum: z.number().int().describe('the lowest acceptable amount, in minor units'),
      currentPrice: moneySchema,
    },
  },
  AUCTION_BUY_NOW_UNAVAILABLE: {
    status: 409,
    meaning: 'Buy It Now is offered only while the auction is live and has no bid',
    extra: { auctionStatus: statusName('the current auction status'), bidCount: z.number().int() },
  },
  AUCTION_CANNOT_CANCEL: {
    status: 409,
    meaning: 'an auction can be cancelled by its seller only before the first bid',
  },
  DELIVERY_ORDER_NOT_PAID: {
    status: 409,
    meaning: 'only a paid order is delivered',
    extra: { orderStatus: statusName('the current order status') },
  },
  DELIVERY_ORDER_CANCELLED: { status: 409, meaning: 'the order was cancelled: nothing to pick up or deliver' },
  DELIVERY_ALREADY_EXISTS: {
    status: 409,
    meaning: 'the order already has a delivery',
    extra: { orderId: z.string() },
  },
  DELIVERY_INVALID_TRANSITION: {
    status: 409,
    meaning: 'the delivery is not in a state that allows this',
    extra: { deliveryStatus: statusName('the current delivery status') },
  },
  DELIVERY_CONCURRENT_UPDATE: { status: 409, meaning: 'the delivery was changed meanwhile; read it again' },
  // 413, 415
  PAYLOAD_TOO_LARGE: { status: 413, meaning: 'the body is larger than the limit (1 MB)' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, meaning: 'the body is not application/json' },
  UNSUPPORTED_ENCODING: { status: 415, meaning: 'the Content-Encoding is unknown' },
  UNSUPPORTED_CHARSET: { status: 415, meaning: 'the charset is not supported' },
  // 429: with a Retry-After header
  RATE_LIMITED: {
    status: 429,
    meaning: 'too many requests (registrations, failed logins per address, bids, open upload slots)',
    extra: {
      retryAfter: z.number().int().describe('seconds to wait, as the Retry-After header'),
      limit: z.number().int().optional().describe('the limit reached (open upload slots)'),
    },
  },
  AUTH_TOO_MANY_ATTEMPTS: {
    status: 429,
    meaning: 'too many failed logins for this email from this address',
    extra: { retryAfter: z.number().int().describe('seconds to wait, as the Retry-After header') },
  },
  // 500, 503
  INTERNAL_ERROR: { status: 500, meaning: 'something went wrong; quote the request id when reporting it' },
  NOT_READY: {
    status: 503,
    meaning: 'a store that requests need is unreachable (GET /readyz)',
    extra: {
      backends: z.record(z.string(), z.enum(['ok', 'down'])),
      failing: z.array(z.string()),
    },
  },
} satisfies Record<string, ErrorCode>;

export type ErrorCodeName = keyof typeof errorCodes;

/** The registry with every entry's optional members visible. */
export const errorCodeTable: Record<ErrorCodeName, ErrorCode> = errorCodes;

/** The codes answered with `status`, in registry order. */
export function codesWithStatus(status: number): ErrorCodeName[] {
  return (Object.keys(errorCodes) as ErrorCodeName[]).filter((code) => errorCodeTable[code].status === status);
}
