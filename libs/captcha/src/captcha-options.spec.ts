import { InvalidParamError } from '@app/common';
import { resolveCaptchaOptions } from './captcha-options';

describe('resolveCaptchaOptions', () => {
  it('fills the defaults: 100 x 40, four characters, the configured TTL', () => {
    expect(resolveCaptchaOptions({}, 120)).toEqual({
      width: 100,
      height: 40,
      length: 4,
      ttlSeconds: 120,
    });
  });

  it('keeps what the caller asked within the bounds', () => {
    const asked = { width: 400, height: 20, length: 6, ttlSeconds: 10 };
    expect(resolveCaptchaOptions(asked, 120)).toEqual(asked);
  });

  it.each([
    ['width', { width: 59 }],
    ['width', { width: 401 }],
    ['width', { width: 100.5 }],
    ['height', { height: 19 }],
    ['height', { height: 151 }],
    ['length', { length: 0 }],
    ['length', { length: 9 }],
    ['ttlSeconds', { ttlSeconds: 0 }],
    ['ttlSeconds', { ttlSeconds: 601 }],
    ['width', { width: Number.NaN }],
  ])('refuses a bad %s with InValidParam naming it', (field, options) => {
    let caught: unknown;
    try {
      resolveCaptchaOptions(options, 120);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidParamError);
    expect((caught as InvalidParamError).errors).toEqual([
      { field, message: expect.stringContaining(field) },
    ]);
  });

  it('names every bad field at once', () => {
    expect(() => resolveCaptchaOptions({ width: 1, height: 1 }, 120)).toThrow(
      'Invalid parameters: width, height',
    );
  });
});
