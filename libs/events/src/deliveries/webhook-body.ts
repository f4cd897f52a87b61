import type { LifecycleEvent } from '@app/prisma';

/**
 * The body every receiver gets, Standard Webhooks' envelope: the event's type, when it
 * happened (its commit, to the millisecond), and its data. The same bytes on every try.
 */
export function webhookBody(event: Pick<LifecycleEvent, 'type' | 'createdAt' | 'payload'>): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.createdAt.toISOString(),
    data: event.payload,
  });
}
