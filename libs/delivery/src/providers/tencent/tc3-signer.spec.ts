import { createHash } from 'node:crypto';
import { expectedTc3Signature } from '../../../../../test/fakes/tencent-sms.fake-checks';
import { signTc3 } from './tc3-signer';

const sha256 = (data: string): string => createHash('sha256').update(data).digest('hex');

/** The vector of Tencent's TC3 documentation (the variant signing `content-type;host`). */
const DOC_VECTOR = {
  credentials: {
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
  },
  request: {
    host: 'cvm.tencentcloudapi.com',
    contentType: 'application/json; charset=utf-8',
    payload:
      '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    timestamp: 1551113065,
    service: 'cvm',
  },
  signature: '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
};

/** Computed with the official SDK's `Sign.sign3` (providers.md §1.3). */
const SMS_VECTOR = {
  credentials: { secretId: 'AKIDEXAMPLE', secretKey: 'SECRETEXAMPLE' },
  request: {
    host: 'sms.tencentcloudapi.com',
    contentType: 'application/json',
    payload:
      '{"PhoneNumberSet":["+8613800000000"],"SmsSdkAppId":"1400006666","SignName":"Test",' +
      '"TemplateId":"1110","TemplateParamSet":["123456"]}',
    timestamp: 1700000000,
    service: 'sms',
  },
  signature: '5cbca2d09ff64d6e4203f54bace186ff47e23401833766fb0ee6d56e89ec09f1',
};

/** VMS `SendCodeVoice`, computed with the official SDK's `Sign.sign3` (providers-2.md §1.2). */
const VMS_VECTOR = {
  credentials: SMS_VECTOR.credentials,
  request: {
    host: 'vms.tencentcloudapi.com',
    contentType: 'application/json',
    payload:
      '{"CodeMessage":"123456","CalledNumber":"+8613800000000","VoiceSdkAppid":"1400006666",' +
      '"PlayTimes":2}',
    timestamp: 1700000000,
    service: 'vms',
  },
  signature: '20df18052d360028bdd002a307f4a8eae5c09d2fa627cc87dc376449a0b446a5',
};

describe('signTc3', () => {
  it('reproduces the VMS SendCodeVoice vector computed with the official SDK', () => {
    const signed = signTc3(VMS_VECTOR.request, VMS_VECTOR.credentials);

    expect(signed.credentialScope).toBe('2023-11-14/vms/tc3_request');
    expect(signed.signature).toBe(VMS_VECTOR.signature);
  });

  it('reproduces the documentation vector, intermediate values included', () => {
    const signed = signTc3(DOC_VECTOR.request, DOC_VECTOR.credentials);

    expect(signed.canonicalRequest.split('\n').at(-1)).toBe(
      '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    );
    expect(sha256(signed.canonicalRequest)).toBe(
      '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    );
    expect(signed.credentialScope).toBe('2019-02-25/cvm/tc3_request');
    expect(signed.signature).toBe(
      '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c',
    );
  });

  it('reproduces the SendSms vector computed with the official SDK', () => {
    const signed = signTc3(SMS_VECTOR.request, SMS_VECTOR.credentials);

    expect(signed.credentialScope).toBe('2023-11-14/sms/tc3_request');
    expect(signed.signature).toBe(SMS_VECTOR.signature);
  });

  it('writes the canonical request with a blank line after the headers', () => {
    const { canonicalRequest } = signTc3(SMS_VECTOR.request, SMS_VECTOR.credentials);

    expect(canonicalRequest).toBe(
      'POST\n/\n\ncontent-type:application/json\nhost:sms.tencentcloudapi.com\n\n' +
        `content-type;host\n${sha256(SMS_VECTOR.request.payload)}`,
    );
  });

  it('changes the signature with the secret, the body or the timestamp', () => {
    const base = signTc3(SMS_VECTOR.request, SMS_VECTOR.credentials).signature;
    const { request, credentials } = SMS_VECTOR;

    expect(signTc3(request, { ...credentials, secretKey: 'other' }).signature).not.toBe(base);
    expect(signTc3({ ...request, payload: `${request.payload} ` }, credentials).signature).not.toBe(
      base,
    );
    expect(
      signTc3({ ...request, timestamp: request.timestamp + 1 }, credentials).signature,
    ).not.toBe(base);
  });
});

describe("the Tencent fake's own verifier", () => {
  it('agrees with the published vectors', () => {
    for (const { request, credentials, signature } of [DOC_VECTOR, SMS_VECTOR, VMS_VECTOR]) {
      const expected = expectedTc3Signature({
        secretKey: credentials.secretKey,
        timestamp: request.timestamp,
        date: new Date(request.timestamp * 1000).toISOString().slice(0, 10),
        service: request.service,
        signedHeaders: [
          ['host', request.host],
          ['content-type', request.contentType],
        ],
        body: request.payload,
      });
      expect(expected).toBe(signature);
    }
  });
});
