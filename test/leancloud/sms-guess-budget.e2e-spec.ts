import {
  LeanCloudTestApp,
  sdkError,
  signedHeaders,
  startLeanCloudApp,
} from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';
import { PythonSdk, pythonError } from '../support/python-sdk';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A six-digit guess that is none of `codes`. */
function wrongFor(...codes: string[]): string {
  for (let n = 0; ; n++) {
    const guess = String(n).padStart(6, '0');
    if (!codes.includes(guess)) return guess;
  }
}

/**
 * SMS_CODE_DAILY_WRONG_LIMIT on `/1.1`: once a phone's wrong guesses of the day are spent, its
 * codes are refused with 601 (an app shows "try later", the only thing that helps; 603 would
 * tell the owner typing the right code that it is wrong) and our message, which says until when.
 */
describe('LeanCloud /1.1: the daily budget of wrong code guesses per phone', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    lc = await startLeanCloudApp({
      SMS_CODE_DAILY_WRONG_LIMIT: '3',
      SMS_CODE_MAX_ATTEMPTS: '5',
      SMS_RESEND_INTERVAL_SECONDS: '0',
    });
  });
  afterAll(() => lc.close());
  afterEach(() => lc.AV.User.logOut());

  const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

  it('answers 601 with our message once it is spent, the right code too, to both SDKs', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    const code = codeFor(phone);
    const wrong = wrongFor(code);
    for (let guess = 1; guess <= 3; guess++) {
      expect((await sdkError(AV.Cloud.verifySmsCode(wrong, phone))).code).toBe(603);
    }

    const refused = await sdkError(AV.Cloud.verifySmsCode(code, phone));
    expect(refused.code).toBe(601);
    expect(refused.rawMessage).toMatch(/wrong verification codes for this phone today/);
    const py = await pythonError(new PythonSdk(lc.serverURL).cloud.verify_sms_code(phone, code));
    expect(py).toMatchObject({ code: 601, error: refused.rawMessage });

    const raw = await lc.service
      .http()
      .post(`/1.1/verifySmsCode/${code}`)
      .set(signedHeaders())
      .send({ mobilePhoneNumber: phone });
    expect(raw.status).toBe(400);
    expect(raw.body).toEqual({ code: 601, error: refused.rawMessage });
    // Until the UTC day ends (a few seconds either way: the clock runs on).
    const untilMidnight = (DAY_MS - (Date.now() % DAY_MS)) / 1000;
    expect(Math.abs(Number(raw.headers['retry-after']) - untilMidnight)).toBeLessThan(5);
  });

  it('counts a wrong code once when a log-in compares it with a log-in and a general code', async () => {
    const { AV } = lc;
    const phone = uniqueCnPhone();
    await AV.Cloud.requestSmsCode(phone);
    // The right code of the sign-up counts nothing.
    await AV.User.signUpOrlogInWithMobilePhone(phone, codeFor(phone));
    await AV.User.logOut();
    await AV.User.requestLoginSmsCode(phone);
    const login = codeFor(phone);
    await AV.Cloud.requestSmsCode(phone);
    const operation = codeFor(phone);
    const wrong = wrongFor(login, operation);

    // Each wrong log-in is compared with both live codes: two guesses of the three, not four.
    for (let guess = 1; guess <= 2; guess++) {
      expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, wrong))).code).toBe(603);
    }
    await AV.User.logInWithMobilePhoneSmsCode(phone, login);
    await AV.User.logOut();

    expect((await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, wrong))).code).toBe(603);
    // The third wrong guess spent the budget: the live general code is refused now.
    const refused = await sdkError(AV.User.signUpOrlogInWithMobilePhone(phone, operation));
    expect(refused.code).toBe(601);
    expect((await sdkError(AV.User.logInWithMobilePhoneSmsCode(phone, operation))).code).toBe(601);
  });
});
