import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/**
 * A recipient CSV (`phone`, then the template's variables) generated as it is sent, inside a
 * multipart body: nothing holds the whole file, on either side of the wire.
 */
export function recipientCsvStream(
  count: number,
  phoneOf: (n: number) => string,
  variables: ReadonlyArray<{ name: string; valueOf: (n: number) => string }>,
  boundary: string,
): Readable {
  const ROWS_PER_CHUNK = 1000;
  let next = 0;
  let state: 'head' | 'rows' | 'tail' | 'done' = 'head';
  return new Readable({
    read() {
      if (state === 'head') {
        state = 'rows';
        this.push(
          `--${boundary}\r\n` +
            'Content-Disposition: form-data; name="file"; filename="recipients.csv"\r\n' +
            'Content-Type: text/csv\r\n\r\n' +
            `${['phone', ...variables.map((v) => v.name)].join(',')}\r\n`,
        );
        return;
      }
      if (state === 'rows') {
        const lines: string[] = [];
        for (const end = Math.min(count, next + ROWS_PER_CHUNK); next < end; next++) {
          lines.push([phoneOf(next), ...variables.map((v) => v.valueOf(next))].join(','));
        }
        if (next >= count) state = 'tail';
        this.push(lines.length ? `${lines.join('\r\n')}\r\n` : '');
        return;
      }
      if (state === 'tail') {
        state = 'done';
        this.push(`\r\n--${boundary}--\r\n`);
        return;
      }
      this.push(null);
    },
  });
}

/** POSTs a streamed multipart body (chunked), answers the status and the JSON answer. */
export function postMultipart(
  url: string,
  headers: Record<string, string>,
  body: (boundary: string) => Readable,
  timeoutMs: number,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = `bench${randomBytes(12).toString('hex')}`;
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: response.statusCode ?? 0,
              body: JSON.parse(text) as Record<string, unknown>,
            });
          } catch {
            resolve({ status: response.statusCode ?? 0, body: { text } });
          }
        });
      },
    );
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    outgoing.on('error', reject);
    const stream = body(boundary);
    stream.on('error', (error) => outgoing.destroy(error));
    stream.pipe(outgoing);
  });
}
