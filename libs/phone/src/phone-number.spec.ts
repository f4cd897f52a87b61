import { PhoneInvalidError, RegionNotAllowedError } from './phone.errors';
import { normalizePhone } from './phone-number';

const anyRegion = { defaultRegion: 'CN', allowedRegions: [] };

describe('normalizePhone', () => {
  it.each([
    ['+8613800138000', '+8613800138000', 'CN'],
    ['8613800138000', '+8613800138000', 'CN'],
    ['13800138000', '+8613800138000', 'CN'],
    [' +86 138-0013-8000 ', '+8613800138000', 'CN'],
    ['+86 (138) 0013 8000', '+8613800138000', 'CN'],
    ['+12015550123', '+12015550123', 'US'],
    ['+447400123456', '+447400123456', 'GB'],
    ['+85251234567', '+85251234567', 'HK'],
  ])('reads %s as %s in %s', (input, e164, region) => {
    expect(normalizePhone(input, anyRegion)).toEqual({ e164, region });
  });

  it('reads a national number in the default region', () => {
    expect(normalizePhone('2015550123', { defaultRegion: 'US', allowedRegions: [] })).toEqual({
      e164: '+12015550123',
      region: 'US',
    });
  });

  it.each([
    ['a landline', '+861062345678'],
    ['a toll-free number', '+8640012345678'.slice(0, 13)],
    ['too few digits', '1380013'],
    ['too many digits', '+861380013800099'],
    ['letters', '+86138abc8000'],
    ['full-width digits', '１３８００１３８０００'],
    ['an unassigned country code', '+999123456789'],
    ['a lone plus', '+'],
    ['empty', ''],
  ])('refuses %s', (_case, input) => {
    expect(() => normalizePhone(input, anyRegion)).toThrow(PhoneInvalidError);
  });

  it('refuses regions outside the allowed list, and only those', () => {
    const policy = { defaultRegion: 'CN', allowedRegions: ['CN', 'HK'] };
    expect(() => normalizePhone('+12015550123', policy)).toThrow(RegionNotAllowedError);
    expect(normalizePhone('+85251234567', policy).region).toBe('HK');
  });
});
