import { authenticateLeanCloud, LeanCloudKeys, leanCloudSign } from './leancloud-credentials';

// The example app of LeanCloud's REST guide ("更安全的鉴权方式").
const keys: LeanCloudKeys = {
  appId: 'FFnN2hso42Wego3pWq4X5qlu',
  appKey: 'UtOCzqb67d3sN12Kts4URwy8',
  masterKey: 'DyJegPlemooo4X1tg94gQkw1',
  masterSignMaxSkewMs: 300_000,
};
const documentedTimestamp = 1453014943466;
const appSign = 'd5bcbb897e19b2f6633c716dfdfaf9be';
const masterSign = 'e074720658078c898aa0d4b1b82bdf4b';

const check = (headers: { id?: string; key?: string; sign?: string }, now = Date.now()) =>
  authenticateLeanCloud(headers, keys, now);

describe('leanCloudSign', () => {
  it('reproduces the signatures of the LeanCloud REST guide', () => {
    expect(leanCloudSign(String(documentedTimestamp), keys.appKey)).toBe(appSign);
    expect(leanCloudSign(String(documentedTimestamp), keys.masterKey)).toBe(masterSign);
  });
});

describe('authenticateLeanCloud', () => {
  const id = keys.appId;

  it('accepts the App Key and the Master Key in X-LC-Key', () => {
    expect(check({ id, key: keys.appKey })).toBe('app');
    expect(check({ id, key: `${keys.masterKey},master` })).toBe('master');
  });

  it('accepts the documented signatures, the App Key one whatever its age', () => {
    expect(check({ id, sign: `${appSign},${documentedTimestamp}` })).toBe('app');
    expect(check({ id, sign: `${appSign.toUpperCase()},${documentedTimestamp}` })).toBe('app');
    expect(
      check({ id, sign: `${masterSign},${documentedTimestamp},master` }, documentedTimestamp),
    ).toBe('master');
  });

  it('holds Master Key signatures to the time window, both ways', () => {
    const sign = `${masterSign},${documentedTimestamp},master`;
    expect(check({ id, sign }, documentedTimestamp + 300_000)).toBe('master');
    expect(check({ id, sign }, documentedTimestamp + 300_001)).toBeUndefined();
    expect(check({ id, sign }, documentedTimestamp - 300_001)).toBeUndefined();
  });

  it('signs fresh requests as the SDK does', () => {
    const now = Date.now();
    const sign = `${leanCloudSign(String(now), keys.masterKey)},${now},master`;
    expect(check({ id, sign }, now)).toBe('master');
  });

  it.each([
    ['no headers', {}],
    ['no App ID', { key: keys.appKey }],
    ['a wrong App ID', { id: 'someone-else', key: keys.appKey }],
    ['an App ID but no key', { id }],
    ['a wrong App Key', { id, key: 'wrong-key-123' }],
    ['the App Key claimed as master', { id, key: `${keys.appKey},master` }],
    ['the Master Key without ",master"', { id, key: keys.masterKey }],
    ['an unknown key role', { id, key: `${keys.masterKey},admin` }],
    ['extra key parts', { id, key: `${keys.masterKey},master,x` }],
    ['an empty key', { id, key: '' }],
    ['a signature without a timestamp', { id, sign: appSign }],
    ['a signature of another timestamp', { id, sign: `${appSign},${documentedTimestamp + 1}` }],
    [
      'an App Key signature claimed as master',
      { id, sign: `${appSign},${documentedTimestamp},master` },
    ],
    ['a Master Key signature not claimed', { id, sign: `${masterSign},${documentedTimestamp}` }],
    ['an unknown signature role', { id, sign: `${appSign},${documentedTimestamp},ax-sig-1` }],
    ['a non-numeric timestamp', { id, sign: `${appSign},1453014943466.0` }],
    ['a signature that is not hex', { id, sign: `${'z'.repeat(32)},${documentedTimestamp}` }],
    ['extra signature parts', { id, sign: `${appSign},${documentedTimestamp},,x` }],
  ])('refuses %s', (_case, headers) => {
    expect(check(headers, documentedTimestamp)).toBeUndefined();
  });

  it('tries X-LC-Sign when X-LC-Key fails, as LeanEngine did', () => {
    const sign = `${appSign},${documentedTimestamp}`;
    expect(check({ id, key: 'wrong-key-123', sign })).toBe('app');
    expect(check({ id, key: 'wrong-key-123', sign: `${appSign},1` })).toBeUndefined();
  });
});
