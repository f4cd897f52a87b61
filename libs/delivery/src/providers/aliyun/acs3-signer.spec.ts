import { expectedAcs3Signature } from '../../../../../test/fakes/aliyun-sms.fake-checks';
import { canonicalQueryString, encodeRfc3986, sha256Hex, signAcs3 } from './acs3-signer';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** SDK output of `OpenApiUtil.getAuthorization` (providers.md §2.3). */
const SDK_VECTOR = {
  credentials: { accessKeyId: 'testAK', accessKeySecret: 'testSecret' },
  request: {
    method: 'POST',
    pathname: '/',
    query: {
      PhoneNumbers: '13900001234',
      SignName: 'Test',
      TemplateCode: 'SMS_1',
      TemplateParam: '{"code":"123456"}',
    },
    headers: {
      host: 'dysmsapi.aliyuncs.com',
      'x-acs-action': 'SendSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2023-11-14T22:13:20Z',
      'x-acs-signature-nonce': 'abc123',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
  },
  signedHeaders:
    'host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
  signature: 'bc522ff558f554a6d0ec5b0df2c05219e59241b1d9c32c21df9acc511583904e',
};

/** Dyvmsapi `SingleCallByTts`, computed with `OpenApiUtil.getAuthorization` (providers-2.md §2.1). */
const VMS_VECTOR = {
  credentials: SDK_VECTOR.credentials,
  request: {
    method: 'POST',
    pathname: '/',
    query: {
      CalledNumber: '13900001234',
      TtsCode: 'TTS_100',
      TtsParam: '{"code":"123456"}',
      PlayTimes: '2',
    },
    headers: {
      host: 'dyvmsapi.aliyuncs.com',
      'x-acs-action': 'SingleCallByTts',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2023-11-14T22:13:20Z',
      'x-acs-signature-nonce': 'abc123',
      'x-acs-content-sha256': EMPTY_SHA256,
    },
  },
  signature: '92129f2b753d05bcb6e74d1a3c8fcc6be29f8646dad9c32e03392044707761a6',
};

/** SendBatchSms with its arrays in a form body (providers-2.md §3.2): only the body hash is signed. */
const BATCH_BODY =
  'PhoneNumberJson=%5B%2213900001234%22%5D&SignNameJson=%5B%22Test%22%5D&TemplateParamJson=%5B%7B%22code%22%3A%22123456%22%7D%5D';
const BATCH_VECTOR = {
  credentials: SDK_VECTOR.credentials,
  form: {
    PhoneNumberJson: '["13900001234"]',
    SignNameJson: '["Test"]',
    TemplateParamJson: '[{"code":"123456"}]',
  },
  bodySha256: '552482ffa5d46eaba1efdb43cc58ab2f306005389c838c3d630cccd710b98dbd',
  request: {
    method: 'POST',
    pathname: '/',
    query: { TemplateCode: 'SMS_1' },
    headers: {
      host: 'dysmsapi.aliyuncs.com',
      'content-type': 'application/x-www-form-urlencoded',
      'x-acs-action': 'SendBatchSms',
      'x-acs-version': '2017-05-25',
      'x-acs-date': '2023-11-14T22:13:20Z',
      'x-acs-signature-nonce': 'abc123',
      'x-acs-content-sha256': '552482ffa5d46eaba1efdb43cc58ab2f306005389c838c3d630cccd710b98dbd',
    },
  },
  signedHeaders:
    'content-type;host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version',
  signature: 'c6dce77093540a174b37f2fc1ad27144809b21a768b7c958fd28e23e3a74cd87',
};

describe('signAcs3', () => {
  it('reproduces the SendBatchSms vector: the form body as the SDK encodes it, its hash, content-type signed', () => {
    expect(canonicalQueryString(BATCH_VECTOR.form)).toBe(BATCH_BODY);
    expect(sha256Hex(BATCH_BODY)).toBe(BATCH_VECTOR.bodySha256);
    const signed = signAcs3(BATCH_VECTOR.request, BATCH_VECTOR.credentials);
    expect(signed.signedHeaders).toBe(BATCH_VECTOR.signedHeaders);
    expect(signed.signature).toBe(BATCH_VECTOR.signature);
  });

  it('reproduces the Dyvmsapi SingleCallByTts vector', () => {
    expect(signAcs3(VMS_VECTOR.request, VMS_VECTOR.credentials).signature).toBe(
      VMS_VECTOR.signature,
    );
  });

  it('reproduces the SDK vector', () => {
    const signed = signAcs3(SDK_VECTOR.request, SDK_VECTOR.credentials);

    expect(signed.signedHeaders).toBe(SDK_VECTOR.signedHeaders);
    expect(signed.signature).toBe(SDK_VECTOR.signature);
    expect(signed.stringToSign).toMatch(/^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expect(signed.authorization).toBe(
      `ACS3-HMAC-SHA256 Credential=testAK,SignedHeaders=${SDK_VECTOR.signedHeaders},` +
        `Signature=${SDK_VECTOR.signature}`,
    );
  });

  it('signs host, content-type and x-acs-* headers only, whatever their case', () => {
    const signed = signAcs3(
      {
        ...SDK_VECTOR.request,
        headers: {
          ...SDK_VECTOR.request.headers,
          Accept: 'application/json',
          'X-Acs-Credentials-Provider': 'static_ak',
        },
      },
      SDK_VECTOR.credentials,
    );

    expect(signed.signedHeaders).toBe(
      'host;x-acs-action;x-acs-content-sha256;x-acs-credentials-provider;x-acs-date;' +
        'x-acs-signature-nonce;x-acs-version',
    );
  });

  it('refuses to sign without the payload hash header', () => {
    const { 'x-acs-content-sha256': _hash, ...headers } = SDK_VECTOR.request.headers;

    expect(() => signAcs3({ ...SDK_VECTOR.request, headers }, SDK_VECTOR.credentials)).toThrow(
      /x-acs-content-sha256/,
    );
  });
});

describe('canonical query encoding', () => {
  it("escapes !'()* strictly and keeps ~ (the SDK signs o(1)! as o%281%29%21)", () => {
    expect(encodeRfc3986("o(1)!'*~ +")).toBe('o%281%29%21%27%2A~%20%2B');
  });

  it('sorts by name and encodes keys and values', () => {
    expect(canonicalQueryString({ b: '{"a":"1"}', a: '中', B: 'x' })).toBe(
      'B=x&a=%E4%B8%AD&b=%7B%22a%22%3A%221%22%7D',
    );
  });

  it('hashes the empty body like the SDK', () => {
    expect(sha256Hex('')).toBe(EMPTY_SHA256);
  });
});

describe("the Aliyun fake's own verifier", () => {
  it('agrees with the SDK vector', () => {
    const { request } = SDK_VECTOR;
    const expected = expectedAcs3Signature({
      accessKeySecret: SDK_VECTOR.credentials.accessKeySecret,
      method: request.method,
      pathname: request.pathname,
      query: request.query,
      signedHeaders: Object.entries(request.headers),
      contentHash: EMPTY_SHA256,
    });

    expect(expected).toBe(SDK_VECTOR.signature);
  });
});
