import { SUBSCRIBABLE_EVENT_TYPES } from '../../libs/events/src/catalogue/event-catalogue';
import { ADMIN } from './accounts';
import { EventReceiver } from './event-receiver';
import { TestApp } from './test-app';

export { SUBSCRIBABLE_EVENT_TYPES };

/**
 * Points a new endpoint at `receiver` over the admin API, taking `eventTypes` (every event by
 * default), and hands the receiver the secret the service generated. Answers the endpoint.
 */
export async function subscribe(
  service: TestApp,
  receiver: EventReceiver,
  eventTypes: readonly string[] = SUBSCRIBABLE_EVENT_TYPES,
): Promise<{ id: string; secret: string }> {
  const response = await service
    .http()
    .post('/v1/admin/webhooks')
    .set('Authorization', ADMIN)
    .send({ url: receiver.url, eventTypes });
  if (response.status !== 201) {
    throw new Error(`Could not add the endpoint: ${response.status} ${response.text}`);
  }
  const endpoint = response.body as { id: string; secret: string };
  receiver.secret = endpoint.secret;
  return endpoint;
}

/** Polls until `check` passes (it throws until then), or rethrows its last failure. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
