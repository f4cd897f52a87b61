import { randomUUID } from 'node:crypto';
import { WebhookReceiver } from '../../../../../test/support/webhook-receiver';
import type { OutgoingSms } from '../sms-provider';
import { WebhookSmsProvider } from './webhook.provider';

function outgoingSms(): OutgoingSms {
  return {
    id: randomUUID(),
    phone: `+86138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    region: 'CN',
    content: '【Demo】code 123456',
    purpose: 'login',
    signature: 'Demo',
    variables: [['code', '123456']],
  };
}

describe('WebhookSmsProvider against a local receiver', () => {
  const receiver = new WebhookReceiver();
  const noAbort = new AbortController().signal;
  let provider: WebhookSmsProvider;

  beforeAll(async () => {
    await receiver.start();
    provider = new WebhookSmsProvider({
      url: receiver.url,
      secret: receiver.secret,
      timeoutMs: 300,
    });
  });
  afterEach(() => receiver.setMode('ok'));
  afterAll(() => receiver.stop());

  it('accepts a 2xx with our id as the provider message id', async () => {
    const sms = outgoingSms();
    await expect(provider.send(sms, noAbort)).resolves.toEqual({
      status: 'accepted',
      providerMessageId: sms.id,
    });
    expect(receiver.messagesTo(sms.phone)).toEqual([
      expect.objectContaining({ id: sms.id, signatureValid: true }),
    ]);
  });

  it.each([
    [401, 'authentication_failed', 'provider'],
    [403, 'authentication_failed', 'provider'],
    [429, 'rate_limited', 'provider'],
    [503, 'other', 'provider'],
    [400, 'other', 'message'],
  ])('takes HTTP %i as refused: %s, %s', async (status, reason, scope) => {
    receiver.setMode({ status });
    await expect(provider.send(outgoingSms(), noAbort)).resolves.toMatchObject({
      status: 'refused',
      reason,
      scope,
      providerCode: `HTTP${status}`,
    });
  });

  it('takes a timeout after the request was written as unknown', async () => {
    receiver.setMode({ delayMs: 1000 });
    const sms = outgoingSms();
    await expect(provider.send(sms, noAbort)).resolves.toMatchObject({
      status: 'unknown',
      providerCode: 'Timeout',
    });
    expect(receiver.messagesTo(sms.phone)).toHaveLength(1);
  });

  it('takes a socket closed after reading, on a reused connection, as unknown, posted once', async () => {
    await provider.send(outgoingSms(), noAbort);
    receiver.setMode('close-after-read');
    const sms = outgoingSms();

    await expect(provider.send(sms, noAbort)).resolves.toMatchObject({
      status: 'unknown',
      providerCode: 'ECONNRESET',
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(receiver.messagesTo(sms.phone)).toHaveLength(1);
  });

  it('takes a refused connection as never reached', async () => {
    const closed = new WebhookReceiver();
    await closed.start();
    const url = closed.url;
    await closed.stop();
    const nowhere = new WebhookSmsProvider({ url, secret: receiver.secret, timeoutMs: 300 });

    await expect(nowhere.send(outgoingSms(), noAbort)).resolves.toMatchObject({
      status: 'unreached',
      providerCode: 'ECONNREFUSED',
    });
  });

  it("takes the caller's deadline as a timeout", async () => {
    receiver.setMode({ delayMs: 1000 });
    await expect(provider.send(outgoingSms(), AbortSignal.timeout(100))).resolves.toMatchObject({
      status: 'unknown',
      providerCode: 'Timeout',
    });
  });
});
