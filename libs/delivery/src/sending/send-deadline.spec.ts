import { sendDeadline } from './send-deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sendDeadline', () => {
  it('aborts with a TimeoutError, as AbortSignal.timeout does, once the time is up', async () => {
    const { signal } = sendDeadline(20);
    expect(signal.aborted).toBe(false);
    await sleep(60);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('never aborts once settled', async () => {
    const { signal, settle } = sendDeadline(20);
    settle();
    await sleep(60);
    expect(signal.aborted).toBe(false);
  });
});
