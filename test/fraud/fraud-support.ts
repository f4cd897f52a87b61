import { TEST_ADMIN_KEY, TestApp } from '../support/test-app';

const DAY_MS = 24 * 3600_000;
/** The suites' own clock start: whole days, far from the real date, each test two days on. */
let day = 0;

/** Moves the (faked) clock two days on from the previous test, so every window starts empty. */
export function freshWindow(): number {
  day += 2;
  const start = Date.UTC(2030, 0, 1) + day * DAY_MS + 10 * 60_000;
  jest.setSystemTime(start);
  return start;
}

const CN_RANGES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '170',
  '173',
  '175',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '193',
  '195',
  '198',
  '199',
];

let serial = 0;

/**
 * A mainland mobile number in a chosen carrier range (`+86` and 3 digits) and number prefix
 * (the E.164 number without its last 4 digits): each call a new number, so the tests can aim
 * at one watched key and keep the others apart.
 */
export function cnPhone(range: number, prefix: number): string {
  const last = String(serial++ % 10_000).padStart(4, '0');
  return `+86${CN_RANGES[range]}${String(prefix % 10_000).padStart(4, '0')}${last}`;
}

export const CN_RANGE_COUNT = CN_RANGES.length;

let ipSerial = 0;
/** A client IP in its own /24. */
export const lonelyIp = (): string => `10.${(ipSerial >> 8) & 255}.${ipSerial++ & 255}.7`;

export const requestCode = (app: TestApp, phone: string, ip: string, body: object = {}) =>
  app
    .http()
    .post('/v1/sms/codes')
    .set('X-Forwarded-For', ip)
    .send({ phone, ...body });

export const verifyCode = (app: TestApp, phone: string, code: string) =>
  app.http().post('/v1/sms/codes/verify').send({ phone, code });

/** An admin's clearance of a watched key: its unverified codes given back. */
export const clearWatchedKey = (app: TestApp, kind: string, value: string) =>
  app
    .http()
    .post('/v1/admin/fraud/clear')
    .set('Authorization', `Bearer ${TEST_ADMIN_KEY}`)
    .send({ kind, value });
