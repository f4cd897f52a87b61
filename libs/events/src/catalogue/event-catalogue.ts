/**
 * Every lifecycle event and the shape of its `data`. Payloads name accounts and messages by
 * id and phone; they never carry a secret, a code, a password (or its hash) or a session token.
 */

/** How an account came to be. */
export type SignUpMethod = 'sms' | 'password';

export interface UserCreatedData {
  userId: string;
  phone: string;
  username: string | null;
  mobilePhoneVerified: boolean;
  method: SignUpMethod;
}

export interface UserSignedInData {
  userId: string;
  method: 'password' | 'sms';
}

export interface UserPasswordChangedData {
  userId: string;
  /** `user`: the owner, with the old password; `admin`: an operator set it. */
  by: 'user' | 'admin';
}

export interface UserPasswordResetData {
  userId: string;
}

export interface UserPhoneVerifiedData {
  userId: string;
  phone: string;
  /** `code`: a code sent to the phone proved it; `admin`: an operator marked it. */
  by: 'code' | 'admin';
}

export interface UserPhoneChangedData {
  userId: string;
  phone: string;
  previousPhone: string;
}

export interface UserDisabledData {
  userId: string;
}

/** Why sessions ended (expiry is not a revocation and sends nothing). */
export type SessionRevocationReason =
  | 'signed_out'
  | 'session_limit'
  | 'sessions_replaced'
  | 'password_changed'
  | 'password_reset'
  | 'password_set'
  | 'phone_claimed'
  | 'user_disabled'
  /** An operator revoked them in the console or over `/v1/admin/users/{id}/sessions`. */
  | 'admin_revoked';

export interface SessionRevokedData {
  userId: string;
  sessionIds: string[];
  reason: SessionRevocationReason;
}

/** A message's durable record, as the queue worker wrote it (no content: it may hold a code). */
export interface SmsEventData {
  messageId: string;
  phone: string;
  channel: string;
  purpose: string;
  kind: string;
  templateName: string | null;
  provider: string;
  providerMessageId: string | null;
  /** sms.sent: `sent`; sms.failed: `failed`, `expired` or `undelivered`; sms.delivered: `delivered`. */
  status: string;
  errorCode: string | null;
  segments: number;
  testNumber: boolean;
}

/**
 * A fraud-guard decision that was not a plain pass (libs/codes/src/fraud): the watched key that
 * tripped, its figures, and what was done. The same figures as GET /v1/admin/fraud/decisions.
 */
export interface FraudDecisionData {
  /** When the guard decided (ISO). */
  decidedAt: string;
  phone: string;
  country: string;
  /** The phone without its last 4 digits. */
  prefix: string;
  clientIp: string;
  /** A watched key's kind (`country`, `range`, `prefix`, `ip`, `network`), `ip-countries` or `rule`. */
  keyKind: string;
  keyValue: string;
  /** Unverified codes counted on the key, and its budget, when the guard decided. */
  unverified: number;
  budget: number;
  action: 'challenge' | 'block' | 'deny';
  /** `refused`, `captcha_solved` (a challenge passed), or `recorded` (SMS_FRAUD_GUARD=record). */
  outcome: 'refused' | 'captcha_solved' | 'recorded';
}

/**
 * A campaign that reached its final state (emitted by libs/delivery/src/campaigns, in the
 * transaction that moved it there), with its recipients' counts at that moment.
 */
export interface CampaignCompletedData {
  campaignId: string;
  name: string;
  kind: string;
  /**
   * `completed`: every recipient was tried; `cancelled`: an admin stopped it; `failed`: it
   * could not be sent (its template or signature, see `failureReason`).
   */
  outcome: 'completed' | 'cancelled' | 'failed';
  /** Why it failed (`failed` only), else null. */
  failureReason: string | null;
  /** When it ended (ISO). */
  finishedAt: string;
  recipients: number;
  /** Handed to a provider (receipts may still come). */
  sent: number;
  failed: number;
  /** A provider may have had them when a worker stopped; never retried. */
  unknown: number;
  /** Never sent, suppressed for the campaign's signature (at the upload or at the send). */
  suppressed: number;
  /** Of `suppressed`, those already suppressed when they were uploaded. */
  suppressedAtUpload: number;
  cancelled: number;
  /** With a provider at the cancel, ending as they end (0 unless cancelled). */
  inFlight: number;
}

/** The event sent by an admin's test send (POST /v1/admin/webhooks/:id/test). */
export interface WebhookTestData {
  endpointId: string;
}

export interface LifecycleEventData {
  'user.created': UserCreatedData;
  'user.signed_in': UserSignedInData;
  'user.password_changed': UserPasswordChangedData;
  'user.password_reset': UserPasswordResetData;
  'user.phone_verified': UserPhoneVerifiedData;
  'user.phone_changed': UserPhoneChangedData;
  'user.disabled': UserDisabledData;
  'session.revoked': SessionRevokedData;
  'sms.sent': SmsEventData;
  'sms.failed': SmsEventData;
  'sms.delivered': SmsEventData;
  'fraud.decision': FraudDecisionData;
  'campaign.completed': CampaignCompletedData;
  'webhook.test': WebhookTestData;
}

export type LifecycleEventType = keyof LifecycleEventData;

/** What an endpoint may subscribe to (the test event goes to the endpoint tested, always). */
export type SubscribableEventType = Exclude<LifecycleEventType, 'webhook.test'>;

const SUBSCRIBABLE: Record<SubscribableEventType, true> = {
  'user.created': true,
  'user.signed_in': true,
  'user.password_changed': true,
  'user.password_reset': true,
  'user.phone_verified': true,
  'user.phone_changed': true,
  'user.disabled': true,
  'session.revoked': true,
  'sms.sent': true,
  'sms.failed': true,
  'sms.delivered': true,
  'fraud.decision': true,
  'campaign.completed': true,
};

/** Built from a record over the type, so a type added above and not here fails the build. */
export const SUBSCRIBABLE_EVENT_TYPES = Object.keys(SUBSCRIBABLE) as SubscribableEventType[];
