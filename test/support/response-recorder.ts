import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { RecordedResponse } from './openapi-contract';

/**
 * Set by the global setup: the folder where the e2e workers record what the app answered, and
 * the OpenAPI document it answered under, for the contract check of the global teardown.
 */
export const RESPONSE_RECORD_ENV = 'SMSAUTH_TEST_RESPONSE_RECORD_DIR';

const ROOT = join(__dirname, '..', '..');
// One worker's answers seen so far: the same answer in a loop is recorded once.
const recorded = new Set<string>();

interface JestExpect {
  getState(): { testPath?: string; currentTestName?: string };
}

function currentTest(): string | undefined {
  const state = (globalThis as { expect?: JestExpect }).expect?.getState();
  if (!state?.testPath) return undefined;
  return `${relative(ROOT, state.testPath)} › ${state.currentTestName ?? '(setup)'}`;
}

function parseJson(payload: unknown): unknown {
  const text =
    typeof payload === 'string'
      ? payload
      : Buffer.isBuffer(payload)
        ? payload.toString('utf8')
        : undefined;
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * Records (method, route pattern, status, error body) of every answer of one test app into
 * `<dir>/responses-<pid>.jsonl`. Installed by startTestApp only, before the app is ready: the
 * production code paths know nothing of it.
 */
export function recordResponses(fastify: FastifyInstance, dir: string): void {
  const file = join(dir, `responses-${process.pid}.jsonl`);
  fastify.addHook('onSend', (request, reply, payload, done) => {
    const answer: RecordedResponse = {
      method: request.method,
      route: request.routeOptions.url,
      status: reply.statusCode,
      ...(reply.statusCode >= 400 ? { body: parseJson(payload) } : {}),
    };
    const key = JSON.stringify(answer);
    if (!recorded.has(key)) {
      recorded.add(key);
      appendFileSync(file, `${JSON.stringify({ ...answer, test: currentTest() })}\n`);
    }
    done(null, payload);
  });
}

/** Saves the document this app serves, once per distinct document, beside the answers. */
export async function recordDocument(fastify: FastifyInstance, dir: string): Promise<void> {
  const { body, statusCode } = await fastify.inject({ method: 'GET', url: '/docs-json' });
  if (statusCode !== 200) throw new Error(`GET /docs-json answered ${statusCode}`);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 16);
  const file = join(dir, `openapi-${hash}.json`);
  if (!existsSync(file)) writeFileSync(file, body);
}
