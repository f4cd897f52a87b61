import type { AppConfigService } from '@app/config';
import { PhoneInvalidError, RegionNotAllowedError } from './phone.errors';
import { normalizePhone } from './phone-number';
import { PhoneNormalizer } from './phone-normalizer';

const config = (allowedRegions: string[]): AppConfigService =>
  ({
    get: (key: string) => ({ SMS_DEFAULT_REGION: 'CN', SMS_ALLOWED_REGIONS: allowedRegions })[key],
  }) as unknown as AppConfigService;

describe('PhoneNormalizer', () => {
  it('answers as normalizePhone does, for every form of a number', () => {
    const normalizer = new PhoneNormalizer(config([]));
    for (const input of ['+8613800138000', '8613800138000', '13800138000', ' +86 138 0013 8000 ']) {
      const expected = normalizePhone(input, { defaultRegion: 'CN', allowedRegions: [] });
      expect(normalizer.normalize(input)).toEqual(expected);
      expect(normalizer.normalize(input)).toEqual({ e164: '+8613800138000', region: 'CN' });
    }
  });

  it('remembers a number it read, and hands out a value no caller can change', () => {
    const normalizer = new PhoneNormalizer(config([]));
    const first = normalizer.normalize('+8613800138000');
    expect(normalizer.normalize('+8613800138000')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('throws for refused numbers every time, remembering nothing', () => {
    const normalizer = new PhoneNormalizer(config(['CN']));
    for (let i = 0; i < 2; i++) {
      expect(() => normalizer.normalize('+861380013800')).toThrow(PhoneInvalidError);
      expect(() => normalizer.normalize('+14155552671')).toThrow(RegionNotAllowedError);
    }
  });

  it('sends to SMS_DEFAULT_REGION only when SMS_ALLOWED_REGIONS is unset; * opens every region', () => {
    expect(() => new PhoneNormalizer(config([])).normalize('+14155552671')).toThrow(
      RegionNotAllowedError,
    );
    expect(new PhoneNormalizer(config([])).normalize('+8613800138000').region).toBe('CN');
    expect(new PhoneNormalizer(config(['*'])).normalize('+14155552671').region).toBe('US');
  });
});
