import { DailyGuessLimitExceededError } from '@app/codes';
import { toLeanCloudError } from './domain-error-map';

const ours = (code: string, statusCode = 400, message = 'our message') => ({
  statusCode,
  code,
  message,
});

describe('toLeanCloudError', () => {
  it.each([
    ['CodeIsError', 603, 'Invalid SMS code.'],
    ['CodeHasExpired', 603, 'Invalid SMS code.'],
    ['CodeHasValid', 603, 'Invalid SMS code.'],
    ['MissingCode', 603, 'Invalid SMS code.'],
    ['PhoneInvalid', 127, 'The mobile phone number was invalid.'],
    ['TooFrequent', 601, "Can't send SMS too frequently."],
    ['DailyLimitExceeded', 601, "Can't send SMS too frequently."],
    ['SendFailed', 602, 'Fails to send message.'],
    ['CaptchaRequired', 608, 'Missing validate token.'],
    ['PhoneTaken', 214, 'Mobile phone number has already been taken.'],
    ['UsernameTaken', 202, 'Username has already been taken.'],
    ['InvalidCredentials', 210, 'The username and password mismatch.'],
    ['SessionInvalid', 211, 'Could not find user.'],
    ['PhoneNotVerified', 215, "Mobile phone number isn't verified."],
    ['RegionNotAllowed', 1, 'International SMS is disabled, please enable it in console.'],
  ])('maps %s to %d with LeanCloud’s text', (code, number, text) => {
    const error = toLeanCloudError(ours(code, 429));
    expect(error.code).toBe(number);
    expect(error.message).toBe(text);
    expect(error.status).toBe(400);
  });

  it('answers 401 and 429 with those statuses', () => {
    expect(toLeanCloudError(ours('Unauthorized', 401)).status).toBe(401);
    expect(toLeanCloudError(ours('TooManyRequests', 429))).toMatchObject({
      code: 429,
      status: 429,
    });
  });

  it('keeps our message where LeanCloud’s number says less than it', () => {
    expect(toLeanCloudError(ours('InValidParam', 400, 'Invalid parameters: ttl'))).toMatchObject({
      code: 107,
      message: 'Invalid parameters: ttl',
    });
  });

  it('turns a code it does not know into the catch-all 1 with our message and a 400', () => {
    expect(toLeanCloudError(ours('SomethingNew', 409, 'Something new happened'))).toMatchObject({
      code: 1,
      message: 'Something new happened',
      status: 400,
    });
    expect(toLeanCloudError(ours('constructor'))).toMatchObject({ code: 1, status: 400 });
  });

  it('keeps server-side statuses: a 503 stays a 503 with code 1', () => {
    const unavailable = toLeanCloudError(ours('ServiceUnavailable', 503, 'down'));
    expect(unavailable).toMatchObject({ code: 1, status: 503, message: 'down' });
    expect(toLeanCloudError(ours('InternalError', 500, 'quote x'))).toMatchObject({
      code: 1,
      status: 500,
    });
  });

  it('keeps the framework statuses that say more than a 400', () => {
    expect(toLeanCloudError(ours('NotFound', 404))).toMatchObject({ code: 1, status: 404 });
    expect(toLeanCloudError(ours('MethodNotAllowed', 405))).toMatchObject({
      code: 1,
      status: 405,
    });
    expect(toLeanCloudError(ours('PayloadTooLarge', 413))).toMatchObject({
      code: 107,
      status: 413,
    });
    expect(toLeanCloudError(ours('UnsupportedMediaType', 415))).toMatchObject({
      code: 107,
      status: 415,
    });
  });

  it.each([
    ['TemplateNotFound', 604, 'SMS template not found.'],
    ['SignatureNotFound', 600, 'Invalid SMS signature.'],
    ['UserNotFound', 211, 'Could not find user.'],
    ['CaptchaHosted', 119, 'our message'],
  ])('answers %s (a 404 on /v1) with %d and HTTP 400, as LeanCloud did', (code, number, text) => {
    expect(toLeanCloudError(ours(code, 404))).toEqual(
      expect.objectContaining({ code: number, message: text, status: 400 }),
    );
  });

  it('keeps the 404 of a route not found only, not of a domain code that happens to be 404', () => {
    expect(toLeanCloudError(ours('SomethingNew', 404)).status).toBe(400);
    expect(toLeanCloudError(ours('NotFound', 404)).status).toBe(404);
  });

  it('tells the spent wrong-code budget (601, our message) from the password lock-out (219)', () => {
    const spent = new DailyGuessLimitExceededError(3600);
    const body = ours(spent.code, spent.status, spent.message);
    expect(toLeanCloudError(body, spent)).toMatchObject({
      code: 601,
      message: spent.message,
      status: 400,
    });
    expect(toLeanCloudError(ours('TooManyAttempts', 429))).toMatchObject({ code: 219 });
  });
});
