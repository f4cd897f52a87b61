import { retryWhenTimedOut } from './command-timeout';

const timedOut = () => new Error('Command timed out');

describe('retryWhenTimedOut', () => {
  it('runs the step again after a timed-out command, and answers its result', async () => {
    const step = jest.fn().mockRejectedValueOnce(timedOut()).mockResolvedValueOnce('done');
    await expect(retryWhenTimedOut(step)).resolves.toBe('done');
    expect(step).toHaveBeenCalledTimes(2);
  });

  it('fails with the timeout once every attempt timed out', async () => {
    const step = jest.fn().mockRejectedValue(timedOut());
    await expect(retryWhenTimedOut(step, 3)).rejects.toThrow('Command timed out');
    expect(step).toHaveBeenCalledTimes(3);
  });

  it('does not retry any other failure', async () => {
    const step = jest.fn().mockRejectedValue(new Error('NOPERM this user has no permissions'));
    await expect(retryWhenTimedOut(step)).rejects.toThrow('NOPERM');
    expect(step).toHaveBeenCalledTimes(1);
  });
});
