import { ADMIN } from '../support/accounts';
import { EventReceiver } from '../support/event-receiver';
import { eventually, subscribe } from '../support/event-endpoints';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { startTestApp, TestApp } from '../support/test-app';
import { WebhookReceiver } from '../support/webhook-receiver';
import { cnPhone, lonelyIp, requestCode } from '../fraud/fraud-support';

describe('Lifecycle events of the fraud guard', () => {
  let database: IsolatedDatabase;
  let sms: WebhookReceiver;
  let events: EventReceiver;
  let service: TestApp;

  beforeAll(async () => {
    database = await createIsolatedDatabase();
    sms = await new WebhookReceiver().start();
    events = await new EventReceiver().start();
    service = await startTestApp({
      DATABASE_URL: database.url,
      ...sms.settings,
      EVENTS_RELAY_INTERVAL_MS: '50',
      SMS_RESEND_INTERVAL_SECONDS: '0',
      TRUST_PROXY: 'true',
      SMS_FRAUD_GUARD: 'enforce',
    });
    await subscribe(service, events, ['fraud.decision']);
  });

  afterAll(async () => {
    await service.close();
    await Promise.all([sms.stop(), events.stop()]);
    await database.drop();
  });

  it('tells of a challenge once its decision is recorded, signed, with the figures that tripped', async () => {
    // A prefix's hourly budget of unverified codes is 3 (README "Fraud guard"): the 4th send
    // to it, from yet another IP, is challenged.
    for (let i = 0; i < 3; i++) await requestCode(service, cnPhone(3, 71), lonelyIp()).expect(202);
    const phone = cnPhone(3, 71);
    const ip = lonelyIp();
    const refused = await requestCode(service, phone, ip).expect(403);
    expect(refused.body).toMatchObject({ code: 'CaptchaRequired', reason: 'fraud_guard' });

    const event = await eventually(() => {
      const found = events.received.find((received) => received.data.phone === phone);
      return found ? Promise.resolve(found) : Promise.reject(new Error('no fraud.decision yet'));
    }, 20_000);
    expect(event).toMatchObject({ type: 'fraud.decision', signatureValid: true });
    expect(event.data).toEqual({
      decidedAt: expect.any(String),
      phone,
      country: 'CN',
      prefix: phone.slice(0, -4),
      clientIp: ip,
      keyKind: 'prefix',
      keyValue: phone.slice(0, -4),
      unverified: 3,
      budget: expect.any(Number),
      action: 'challenge',
      outcome: 'refused',
    });
    // The same figures as the admin's list of decisions.
    const listed = await service
      .http()
      .get(`/v1/admin/fraud/decisions?phone=${encodeURIComponent(phone)}`)
      .set('Authorization', ADMIN)
      .expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        createdAt: event.data.decidedAt,
        budget: event.data.budget,
        unverified: event.data.unverified,
        keyKind: event.data.keyKind,
      }),
    ]);
    expect(events.received.filter((received) => received.type !== 'fraud.decision')).toEqual([]);
  });
});
