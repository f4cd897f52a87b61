import { adminApi, approvedSignature, approvedTemplate } from '../templates/catalog-api';
import { createIsolatedDatabase, IsolatedDatabase } from '../support/isolated-database';
import { LEANCLOUD_APP, LeanCloudTestApp, startLeanCloudApp } from '../support/leancloud';
import { uniqueCnPhone } from '../support/phones';

/**
 * The curl examples of LeanCloud's SMS REST guide (leancloud/docs, `docs/sdk/sms/rest.mdx`),
 * sent as written: `X-LC-Id` and `X-LC-Key` with the App Key (no signature), `Content-Type:
 * application/json`, the guide's bodies with our phone numbers in them. A REST back end that
 * followed the guide works unchanged.
 */
describe('LeanCloud /1.1: the SMS REST guide’s curl examples', () => {
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    // LeanCloud's phone change (a session and the new phone's code), as the migration guide
    // tells LeanCloud apps to keep it; by default a change also needs proof of the account.
    lc = await startLeanCloudApp({
      SMS_RESEND_INTERVAL_SECONDS: '0',
      USER_PHONE_CHANGE_PROOF: 'none',
    });
  });
  afterAll(() => lc.close());

  /** `curl -X <method> -H "X-LC-Id: …" -H "X-LC-Key: …" -H "Content-Type: application/json"`. */
  const curl = (method: 'get' | 'post' | 'put', path: string, session?: string) =>
    guideRequest(lc, method, path, session);
  const codeFor = (phone: string): string => lc.receiver.lastCodeFor(phone);

  it('requestSmsCode, with ttl (a string), name and op, then verifySmsCode/<code>', async () => {
    const phone = uniqueCnPhone();
    const first = await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone });
    expect(first.body).toEqual({});
    await curl('post', 'requestSmsCode')
      .send({ mobilePhoneNumber: phone, ttl: '5', name: '天东商城', op: '付款' })
      .expect(200, {});
    await curl('post', `verifySmsCode/${codeFor(phone)}`)
      .send({ mobilePhoneNumber: phone })
      .expect(200, {});
  });

  it('usersByMobilePhone signs up, with the password used at sign-up only', async () => {
    const phone = uniqueCnPhone();
    await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone }).expect(200);
    const signedUp = await curl('post', 'usersByMobilePhone')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone), password: '密码密码密码密码' })
      .expect(200);
    expect(signedUp.body).toMatchObject({
      mobilePhoneNumber: phone,
      mobilePhoneVerified: true,
      username: phone,
      sessionToken: expect.any(String),
    });

    await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone }).expect(200);
    const loggedIn = await curl('post', 'usersByMobilePhone')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone), password: 'ignored at log-in' })
      .expect(200);
    expect(loggedIn.body.objectId).toBe(signedUp.body.objectId);
    await curl('post', 'login')
      .send({ mobilePhoneNumber: phone, password: '密码密码密码密码' })
      .expect(200);
  });

  it('requestMobilePhoneVerify and verifyMobilePhone/<code> with the phone and no session', async () => {
    const phone = uniqueCnPhone();
    const signedUp = await curl('post', 'users')
      .send({
        username: `guide${Date.now().toString(36)}`,
        password: 'f32@ds*@&dsa',
        mobilePhoneNumber: phone,
      })
      .expect(201);
    await curl('post', 'requestMobilePhoneVerify')
      .send({ mobilePhoneNumber: phone })
      .expect(200, {});
    const verified = await curl('post', `verifyMobilePhone/${codeFor(phone)}`)
      .send({ mobilePhoneNumber: phone })
      .expect(200);
    expect(verified.body).toEqual({
      objectId: signedUp.body.objectId,
      updatedAt: expect.any(String),
    });
  });

  it('requestChangePhoneNumber with the session and a ttl, then changePhoneNumber', async () => {
    const phone = uniqueCnPhone();
    await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone }).expect(200);
    const { body: user } = await curl('post', 'usersByMobilePhone')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone) })
      .expect(200);

    const newPhone = uniqueCnPhone();
    await curl('post', 'requestChangePhoneNumber', user.sessionToken)
      .send({ mobilePhoneNumber: newPhone, ttl: 10 })
      .expect(200, {});
    // The guide's changePhoneNumber example carries no X-LC-Session; every SDK sends its
    // current user's. Here the change needs it (211 without, the code kept): see the guide.
    const code = codeFor(newPhone);
    const signedOut = await curl('post', 'changePhoneNumber')
      .send({ mobilePhoneNumber: newPhone, code })
      .expect(400);
    expect(signedOut.body.code).toBe(211);
    await curl('post', 'changePhoneNumber', user.sessionToken)
      .send({ mobilePhoneNumber: newPhone, code })
      .expect(200, {});
    const me = await curl('get', 'users/me', user.sessionToken).expect(200);
    expect(me.body).toMatchObject({ mobilePhoneNumber: newPhone, mobilePhoneVerified: true });
  });

  it('requestLoginSmsCode, then login with mobilePhoneNumber and smsCode', async () => {
    const phone = uniqueCnPhone();
    await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone }).expect(200);
    const { body: user } = await curl('post', 'usersByMobilePhone')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone) })
      .expect(200);
    await curl('post', 'requestLoginSmsCode').send({ mobilePhoneNumber: phone }).expect(200, {});
    const loggedIn = await curl('post', 'login')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone) })
      .expect(200);
    expect(loggedIn.body.objectId).toBe(user.objectId);
  });

  it('requestPasswordResetBySmsCode, then PUT resetPasswordBySmsCode/<code> with the phone', async () => {
    const phone = uniqueCnPhone();
    await curl('post', 'requestSmsCode').send({ mobilePhoneNumber: phone }).expect(200);
    await curl('post', 'usersByMobilePhone')
      .send({ mobilePhoneNumber: phone, smsCode: codeFor(phone) })
      .expect(200);
    await curl('post', 'requestPasswordResetBySmsCode')
      .send({ mobilePhoneNumber: phone })
      .expect(200, {});
    await curl('put', `resetPasswordBySmsCode/${codeFor(phone)}`)
      .send({ password: '新密码新密码新密码', mobilePhoneNumber: phone })
      .expect(200, {});
    await curl('post', 'login')
      .send({ mobilePhoneNumber: phone, password: '新密码新密码新密码' })
      .expect(200);
  });

  it('GET requestCaptcha?size=4 with the App Key', async () => {
    const response = await curl('get', 'requestCaptcha?size=4').expect(200);
    expect(response.body).toEqual({
      captcha_token: expect.any(String),
      captcha_url: expect.stringContaining(`/1.1/captchaImage?appId=${LEANCLOUD_APP.appId}&token=`),
    });
  });
});

/** `curl -X <method> -H "X-LC-Id: …" -H "X-LC-Key: …" -H "Content-Type: application/json"`. */
function guideRequest(
  lc: LeanCloudTestApp,
  method: 'get' | 'post' | 'put',
  path: string,
  session?: string,
) {
  const request = lc.service
    .http()
    [method](`/1.1/${path}`)
    .set('X-LC-Id', LEANCLOUD_APP.appId)
    .set('X-LC-Key', LEANCLOUD_APP.appKey)
    .set('Content-Type', 'application/json');
  return session === undefined ? request : request.set('X-LC-Session', session);
}

describe('LeanCloud /1.1: the SMS REST guide’s template example', () => {
  let database: IsolatedDatabase;
  let lc: LeanCloudTestApp;

  beforeAll(async () => {
    // Its own catalogue: an approved template of a purpose is that purpose's default.
    database = await createIsolatedDatabase();
    lc = await startLeanCloudApp({ DATABASE_URL: database.url, SMS_DEFAULT_LOCALE: 'zh-CN' });
    const admin = adminApi(lc.service);
    await approvedSignature(admin, { name: 'sign', content: '天东商城' });
    await approvedTemplate(admin, {
      name: 'activity',
      kind: 'verification',
      purpose: 'operation',
      locale: 'zh-CN',
      content: '您参加的活动将于{{date}}开始，验证码{{code}}，{{ttl}}分钟内有效',
    });
  });
  afterAll(async () => {
    await lc.close();
    await database.drop();
  });

  const curl = (method: 'get' | 'post' | 'put', path: string) => guideRequest(lc, method, path);

  it('requestSmsCode with a template, a signature and a variable of its own', async () => {
    const phone = uniqueCnPhone();
    await curl('post', 'requestSmsCode')
      .send({
        mobilePhoneNumber: phone,
        template: 'activity',
        sign: 'sign',
        date: '2014 年 10 月 31 号',
      })
      .expect(200, {});
    const [sms] = lc.receiver.messagesTo(phone);
    expect(sms.content).toBe(
      `【天东商城】您参加的活动将于2014 年 10 月 31 号开始，验证码${sms.variables.code}，10分钟内有效`,
    );
  });
});
