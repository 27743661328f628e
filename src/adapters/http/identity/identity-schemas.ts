import { kycStatuses } from '../../../domain/identity/kyc.js';
import { selfAssignableRoles, roles } from '../../../domain/identity/role.js';
import { pageQuery, timestamp } from '../shared/schemas.js';
import { z } from '../openapi/zod-openapi.js';

const email = z.email('expected an email address').max(254).openapi({ example: 'ada@example.com' });
const password = z.string().min(10, 'expected at least 10 characters').max(200, 'expected at most 200 characters');
const displayName = z.string().trim().min(1, 'expected a name').max(80);

export const registerBody = z
  .object({
    email,
    password,
    displayName,
    roles: z
      .array(z.enum(selfAssignableRoles, { message: `expected one of ${selfAssignableRoles.join(', ')}` }))
      .min(1)
      .max(3)
      .optional(),
  })
  .openapi('RegisterRequest');

export const loginBody = z.object({ email, password: z.string().min(1).max(200) }).openapi('LoginRequest');
export const refreshTokenBody = z.object({ refreshToken: z.string().min(1).max(200) }).openapi('RefreshTokenRequest');

const address = z
  .object({
    line1: z.string().trim().min(1).max(200),
    line2: z.string().trim().max(200).optional(),
    city: z.string().trim().min(1).max(100),
    postalCode: z.string().trim().min(1).max(20),
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code'),
  })
  .openapi('Address');

/** Strict: roles, kyc, email or any other field is a 400 naming it, never silently applied. */
export const updateProfileBody = z
  .strictObject({
    displayName: displayName.optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ().-]{6,20}$/, 'expected a phone number')
      .optional(),
    address: address.optional(),
  })
  .openapi('UpdateProfileRequest');

export const kycSubmissionBody = z
  .object({ documentMediaIds: z.array(z.string().min(1).max(128)).min(1).max(10) })
  .openapi('KycSubmission');
export const kycDecisionBody = z
  .object({ reason: z.string().trim().max(500).optional() })
  .default({})
  .openapi('KycDecision');
export const userIdParams = z.object({ id: z.string().min(1).max(128) });

export const deviceBody = z
  .object({ token: z.string().min(1).max(4096), platform: z.enum(['android', 'ios', 'web']) })
  .openapi('DeviceRegistration');
export const deviceTokenParams = z.object({ token: z.string().min(1).max(4096) });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    roles: z.array(z.enum(roles)),
    kyc: z.object({ status: z.enum(kycStatuses), reason: z.string().optional() }),
    phone: z.string().optional(),
    address: address.optional(),
    createdAt: timestamp,
  })
  .openapi('User');

export const userPageSchema = z
  .object({ items: z.array(userSchema), nextCursor: z.string().nullable() })
  .openapi('UserPage');

export const adminUsersQuery = pageQuery.extend({
  kycStatus: z.enum(kycStatuses).optional(),
  role: z.enum(roles).optional(),
  q: z.string().trim().min(1).max(200).optional().describe('part of the email or of the display name, case ignored'),
});

const kycDocumentSchema = z
  .object({
    mediaId: z.string(),
    contentType: z.string(),
    url: z.string().describe('short-lived download link to the document (admins only)'),
  })
  .openapi('KycDocument');

export const adminUserSchema = userSchema
  .extend({
    kyc: z.object({
      status: z.enum(kycStatuses),
      submittedAt: timestamp.optional().describe('absent until the first submission'),
      documents: z.array(kycDocumentSchema),
      decidedAt: timestamp.optional(),
      decidedBy: z.string().optional(),
      reason: z.string().optional(),
    }),
  })
  .openapi('AdminUser');

export const sessionSchema = z
  .object({
    user: userSchema,
    accessToken: z.string(),
    refreshToken: z.string(),
    accessTokenExpiresAt: timestamp,
    refreshTokenExpiresAt: timestamp,
  })
  .openapi('Session');

export const deviceSchema = z
  .object({ token: z.string(), platform: deviceBody.shape.platform, registeredAt: timestamp })
  .openapi('Device');
