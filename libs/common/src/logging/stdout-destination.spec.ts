import { once } from 'node:events';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { stdoutLogDestination } from './stdout-destination';

/** Ends the destination, which closes the file it was given. */
async function closed(destination: pino.DestinationStream): Promise<void> {
  const stream = destination as unknown as NodeJS.EventEmitter & { end(): void };
  const done = once(stream, 'close');
  stream.end();
  await done;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('stdoutLogDestination', () => {
  let folder: string;
  let fd: number;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'log-destination-'));
    fd = openSync(join(folder, 'out.log'), 'a');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));
  const written = () => readFileSync(join(folder, 'out.log'), 'utf8');

  it('holds a quiet process’s line for a batch, and writes it within the flush period', async () => {
    const destination = stdoutLogDestination(fd);
    pino(destination).info({ marker: 'quiet' }, 'one line');
    // Far under the 4 KB batch: not written by the call itself...
    expect(written()).toBe('');
    // ...but by the 250 ms flush, with no other line and no exit.
    await sleep(1000);
    expect(JSON.parse(written().split('\n')[0]) as unknown).toMatchObject({ marker: 'quiet' });
    await closed(destination);
  });

  it('writes as soon as a batch is full', async () => {
    const destination = stdoutLogDestination(fd);
    const log = pino(destination);
    for (let line = 0; line < 60; line++) log.info({ line }, 'x'.repeat(100));
    await sleep(100);
    expect(written().split('\n').length).toBeGreaterThan(20);
    await closed(destination);
  });
});
