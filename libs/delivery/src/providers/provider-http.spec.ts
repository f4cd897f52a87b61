import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postToProvider } from './provider-http';

/**
 * The one POST to Tencent's and Alibaba's APIs, against a loopback server: an answer, a
 * provider that never answers (its own deadline), and a caller that gives up first.
 */
describe('postToProvider', () => {
  let server: Server;
  let url: string;
  const hung: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/hang') {
        hung.push(response);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const response of hung) response.destroy();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const post = (path: string, signal: AbortSignal, timeoutMs: number) =>
    postToProvider({ url: url + path, headers: {}, body: '{}' }, signal, timeoutMs);

  it('returns the answer', async () => {
    await expect(post('/', new AbortController().signal, 1000)).resolves.toEqual({
      answered: { status: 200, text: '{"ok":true}' },
    });
  });

  it('gives up at its own deadline with an unknown outcome', async () => {
    const startedAt = Date.now();
    const result = await post('/hang', new AbortController().signal, 100);
    expect(result).toEqual({
      failed: expect.objectContaining({ status: 'unknown', providerCode: 'Timeout' }),
    });
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it("follows the caller's abort, and says it was the caller's", async () => {
    const caller = new AbortController();
    setTimeout(() => caller.abort(new Error('stopping')), 50);
    const result = await post('/hang', caller.signal, 10_000);
    expect(result).toEqual({
      failed: expect.objectContaining({ status: 'unknown', providerCode: 'Aborted' }),
    });
  });

  it("reads the caller's deadline as a timeout", async () => {
    const caller = new AbortController();
    setTimeout(() => caller.abort(new DOMException('late', 'TimeoutError')), 50);
    const result = await post('/hang', caller.signal, 10_000);
    expect(result).toEqual({
      failed: expect.objectContaining({ status: 'unknown', message: 'the caller deadline passed' }),
    });
  });
});
