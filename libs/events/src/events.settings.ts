import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

/** Lifecycle events and their webhooks (handed to `validateEnvironment` by the app). */
export class EventsSettings {
  /** Each webhook attempt gives up after this long (connecting and the answer included). */
  @Type(() => Number)
  @IsInt()
  @Min(100)
  @Max(30_000)
  WEBHOOK_TIMEOUT_MS = 10_000;

  /** Tries of one delivery, the first included. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS = 12;

  /**
   * The first retry's delay; each next one doubles (less up to 10% jitter). With the defaults
   * the 11 retries span about a day (45 s × 2047 ≈ 25.6 h, 23 h at the least).
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  WEBHOOK_RETRY_DELAY_MS = 45_000;

  /** Webhook deliveries one worker process sends at once. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  WEBHOOK_WORKER_CONCURRENCY = 20;

  /** How often the relay looks for committed events to queue (it drains a backlog at once). */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  @Max(60_000)
  EVENTS_RELAY_INTERVAL_MS = 500;

  /** Events (and their deliveries) older than this many days are deleted by a periodic job. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  EVENTS_RETENTION_DAYS = 30;
}

export const EVENTS_SETTINGS = [EventsSettings] as const;
