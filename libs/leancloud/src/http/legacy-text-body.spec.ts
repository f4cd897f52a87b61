import { LeanCloudError } from '../errors/leancloud-error';
import { readLegacyTextBody } from './legacy-text-body';

describe('readLegacyTextBody', () => {
  it('takes the credentials out of the body, as the REST guide’s cross-domain form sends them', () => {
    expect(
      readLegacyTextBody({
        _method: 'POST',
        _ApplicationId: 'appid',
        _ApplicationKey: 'appkey',
        _SessionToken: 'token',
        _ClientVersion: 'js0.5.4',
        _InstallationId: 'f83f19ae',
        _ApplicationProduction: 0,
        mobilePhoneNumber: '+8613800138000',
      }),
    ).toEqual({
      credentials: { 'x-lc-id': 'appid', 'x-lc-key': 'appkey', 'x-lc-session': 'token' },
      body: { mobilePhoneNumber: '+8613800138000' },
    });
  });

  it('reads _MasterKey as the Master Key, before an App Key', () => {
    const { credentials } = readLegacyTextBody({
      _ApplicationId: 'appid',
      _ApplicationKey: 'appkey',
      _MasterKey: 'master',
    });
    expect(credentials['x-lc-key']).toBe('master,master');
  });

  it('keeps __ keys (LeanCloud’s __type, __op) and every other key', () => {
    expect(readLegacyTextBody({ __op: 'Delete', a: 1, _b: 2 }).body).toEqual({
      __op: 'Delete',
      a: 1,
    });
  });

  it('ignores credentials that are not strings, or empty', () => {
    expect(
      readLegacyTextBody({ _ApplicationId: 1, _ApplicationKey: '', _SessionToken: { x: 1 } }),
    ).toEqual({ credentials: {}, body: {} });
  });

  it('leaves a body that is not an object as it is, for the route to refuse', () => {
    expect(readLegacyTextBody(['x'])).toEqual({ credentials: {}, body: ['x'] });
    expect(readLegacyTextBody(null)).toEqual({ credentials: {}, body: null });
  });

  it.each(['GET', 'put', 'DELETE'])('refuses _method %s with 107', (method) => {
    expect(() => readLegacyTextBody({ _method: method })).toThrow(LeanCloudError);
    try {
      readLegacyTextBody({ _method: method });
    } catch (error) {
      expect((error as LeanCloudError).code).toBe(107);
    }
  });
});
