import { SUBSCRIBABLE_EVENT_TYPES } from './event-catalogue';

describe('the event catalogue', () => {
  it('offers the thirteen lifecycle events, not the test event', () => {
    expect([...SUBSCRIBABLE_EVENT_TYPES].sort()).toEqual([
      'campaign.completed',
      'fraud.decision',
      'session.revoked',
      'sms.delivered',
      'sms.failed',
      'sms.sent',
      'user.created',
      'user.disabled',
      'user.password_changed',
      'user.password_reset',
      'user.phone_changed',
      'user.phone_verified',
      'user.signed_in',
    ]);
  });
});
