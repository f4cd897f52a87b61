import { outcomeOf, readAttempts } from './webhook-attempt';

describe('outcomeOf', () => {
  const at = '2026-12-02T00:00:00.000Z';

  it('takes any 2xx as success', () => {
    expect(outcomeOf({ at, statusCode: 200, durationMs: 1 })).toBe('succeeded');
    expect(outcomeOf({ at, statusCode: 204, durationMs: 1 })).toBe('succeeded');
    expect(outcomeOf({ at, statusCode: 299, durationMs: 1 })).toBe('succeeded');
  });

  it('reads 410 as the receiver asking to stop', () => {
    expect(outcomeOf({ at, statusCode: 410, durationMs: 1 })).toBe('gone');
  });

  it('fails redirects, other 4xx, 5xx and no answer at all', () => {
    for (const statusCode of [301, 400, 404, 429, 500, 503]) {
      expect(outcomeOf({ at, statusCode, durationMs: 1 })).toBe('failed');
    }
    expect(outcomeOf({ at, error: 'Timeout', durationMs: 10_000 })).toBe('failed');
  });
});

describe('readAttempts', () => {
  it('keeps attempts and drops anything else', () => {
    const attempt = { at: '2026-12-02T00:00:00.000Z', statusCode: 500, durationMs: 3 };
    expect(readAttempts([attempt, { at: 1 }, null, 'x'])).toEqual([attempt]);
    expect(readAttempts({})).toEqual([]);
  });
});
