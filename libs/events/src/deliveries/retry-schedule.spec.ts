import { EventsSettings } from '../events.settings';
import { RETRY_JITTER, retryDelayMs, retryWindowMs } from './retry-schedule';

describe('the webhook retry schedule', () => {
  it('doubles from the first delay', () => {
    expect([1, 2, 3, 4].map((made) => retryDelayMs(made, 45_000))).toEqual([
      45_000, 90_000, 180_000, 360_000,
    ]);
  });

  it('spans about a day with the default settings, jitter included', () => {
    const defaults = new EventsSettings();
    const window = retryWindowMs(defaults.WEBHOOK_MAX_ATTEMPTS, defaults.WEBHOOK_RETRY_DELAY_MS);
    const hours = window / 3_600_000;
    expect(hours * (1 - RETRY_JITTER)).toBeGreaterThanOrEqual(22);
    expect(hours).toBeLessThanOrEqual(26);
  });

  it('has no retry for a single try', () => {
    expect(retryWindowMs(1, 45_000)).toBe(0);
  });
});
