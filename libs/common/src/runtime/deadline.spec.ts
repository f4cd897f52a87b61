import { deadline } from './deadline';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('deadline', () => {
  it('aborts with a TimeoutError, as AbortSignal.timeout does, once the time is up', async () => {
    const { signal } = deadline(20, { message: 'The provider did not answer in time' });
    expect(signal.aborted).toBe(false);
    await sleep(60);
    expect(signal.aborted).toBe(true);
    expect((signal.reason as DOMException).name).toBe('TimeoutError');
    expect((signal.reason as DOMException).message).toBe('The provider did not answer in time');
  });

  it('never aborts once settled', async () => {
    const { signal, settle } = deadline(20);
    settle();
    await sleep(60);
    expect(signal.aborted).toBe(false);
  });

  it("aborts with the linked signal's reason when that aborts first", () => {
    const caller = new AbortController();
    const { signal } = deadline(10_000, { linkedTo: caller.signal });
    caller.abort(new Error('worker stopping'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('worker stopping');
  });

  it('starts aborted when the linked signal already is', () => {
    const caller = new AbortController();
    caller.abort(new Error('gone'));
    expect(deadline(10_000, { linkedTo: caller.signal }).signal.aborted).toBe(true);
  });

  it('stops following the linked signal once settled', () => {
    const caller = new AbortController();
    const { signal, settle } = deadline(10_000, { linkedTo: caller.signal });
    settle();
    caller.abort(new Error('late'));
    expect(signal.aborted).toBe(false);
  });
});
