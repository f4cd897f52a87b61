import { PasswordHasher } from './password-hasher';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  beforeAll(() => hasher.onModuleInit());

  it('hashes with argon2id and a salt of its own per hash', async () => {
    const first = await hasher.hash('correct horse battery');
    const second = await hasher.hash('correct horse battery');
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(first).not.toContain('correct horse battery');
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hasher.hash('correct horse battery');
    await expect(hasher.verify(stored, 'correct horse battery')).resolves.toBe(true);
    await expect(hasher.verify(stored, 'correct horse batterY')).resolves.toBe(false);
  });

  it('answers false when there is no hash, after as much work as a real check', async () => {
    const stored = await hasher.hash('correct horse battery');
    // The work is the CPU time the process spends (argon2 runs on libuv's threads, which
    // process.cpuUsage counts), not the wall time, which a loaded machine stretches at random.
    const timed = async (work: () => Promise<boolean>): Promise<[boolean, number]> => {
      const started = process.cpuUsage();
      const result = await work();
      const used = process.cpuUsage(started);
      return [result, (used.user + used.system) / 1000];
    };
    // Warm up, then compare medians so one slow run cannot decide.
    await hasher.verify(stored, 'warm up');
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [realResult, realMs] = await timed(() => hasher.verify(stored, 'wrong password'));
      const [dummyResult, dummyMs] = await timed(() => hasher.verify(null, 'wrong password'));
      expect(realResult).toBe(false);
      expect(dummyResult).toBe(false);
      real.push(realMs);
      dummy.push(dummyMs);
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[2];
    expect(median(dummy)).toBeGreaterThan(median(real) / 3);
    await expect(hasher.verify(undefined, 'anything')).resolves.toBe(false);
  });
});
