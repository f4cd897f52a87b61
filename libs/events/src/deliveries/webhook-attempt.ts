/** One try of one delivery, as kept in its `attempts` list. */
export interface WebhookAttempt {
  at: string;
  /** The receiver's HTTP status; absent when there was no answer. */
  statusCode?: number;
  /** Why there was no answer (`Timeout`, `ECONNREFUSED`...). */
  error?: string;
  durationMs: number;
}

/** How a try went, for the queue and the metrics. */
export type AttemptOutcome = 'succeeded' | 'gone' | 'failed';

/** 2xx is success; 410 Gone is the receiver asking to stop (Standard Webhooks); the rest fail. */
export function outcomeOf(attempt: WebhookAttempt): AttemptOutcome {
  const status = attempt.statusCode;
  if (status === undefined) return 'failed';
  if (status >= 200 && status < 300) return 'succeeded';
  return status === 410 ? 'gone' : 'failed';
}

/** Reads the `attempts` JSON column back, dropping anything that is not an attempt. */
export function readAttempts(value: unknown): WebhookAttempt[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is WebhookAttempt =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as WebhookAttempt).at === 'string' &&
      typeof (item as WebhookAttempt).durationMs === 'number',
  );
}
