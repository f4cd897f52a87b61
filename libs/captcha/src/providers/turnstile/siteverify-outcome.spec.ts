import { interpretSiteverify } from './siteverify-outcome';

const json = (body: unknown): string => JSON.stringify(body);

describe('interpretSiteverify', () => {
  it('passes a token siteverify calls a success, with where and for what it was solved', () => {
    const answer = json({
      success: true,
      'error-codes': [],
      challenge_ts: '2026-01-01T00:00:00.000Z',
      hostname: 'example.com',
      action: 'sms_code',
      cdata: '',
    });
    expect(interpretSiteverify(200, answer)).toEqual({
      kind: 'solved',
      claims: { hostname: 'example.com', action: 'sms_code' },
    });
  });

  it('leaves out claims siteverify does not make, or makes in another type', () => {
    expect(interpretSiteverify(200, json({ success: true, hostname: 42 }))).toEqual({
      kind: 'solved',
      claims: { hostname: undefined, action: undefined },
    });
  });

  it.each(['invalid-input-response', 'timeout-or-duplicate', 'missing-input-response'])(
    'refuses the token for %s',
    (code) => {
      expect(interpretSiteverify(200, json({ success: false, 'error-codes': [code] }))).toEqual({
        kind: 'refused',
        errorCodes: [code],
      });
    },
  );

  it('refuses a failure without error codes', () => {
    expect(interpretSiteverify(200, json({ success: false }))).toEqual({
      kind: 'refused',
      errorCodes: [],
    });
  });

  it.each(['invalid-input-secret', 'missing-input-secret', 'bad-request', 'internal-error'])(
    'treats %s as the service being unavailable, not as a wrong token',
    (code) => {
      const outcome = interpretSiteverify(
        200,
        json({ success: false, 'error-codes': ['invalid-input-response', code] }),
      );
      expect(outcome).toEqual({ kind: 'unavailable', reason: `siteverify answered ${code}` });
    },
  );

  it.each([
    ['a 500', 500, json({ success: true })],
    ['a 429', 429, json({ success: true })],
    ['an HTML page', 200, '<html>Just a moment...</html>'],
    ['JSON without success', 200, json({ 'error-codes': [] })],
    ['success as a string', 200, json({ success: 'true' })],
    ['a JSON array', 200, json([{ success: true }])],
    ['an empty body', 200, ''],
  ])('lets nothing through on %s', (_case, status, text) => {
    expect(interpretSiteverify(status, text).kind).toBe('unavailable');
  });
});
