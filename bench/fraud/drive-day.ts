import type { ReceivedCode } from '../support/sms-receiver';
import type { CodeRequest } from './traffic';

/** What the service answered a request for a code. */
export interface RequestOutcome {
  request: CodeRequest;
  status: number;
  /** The error's stable code (CaptchaRequired, FraudSuspected, IpLimitExceeded ...). */
  error?: string;
  /** CaptchaRequired from the fraud guard (not an ordinary captcha rule). */
  fraudGuard?: boolean;
  /** The user entered the code and the service accepted it. */
  verified?: boolean;
}

export interface DriveOptions {
  url: string;
  day: CodeRequest[];
  /** Moves the service's clock to this minute of the attack day. */
  setClock(minute: number): Promise<unknown>;
  /** The codes the webhook provider received, latest per phone. */
  codes: Map<string, ReceivedCode>;
}

/** Requests in flight at once within a simulated minute. */
const CONCURRENCY = 24;

/**
 * Sends the day a simulated minute at a time: the clock moved, then the minute's codes entered
 * (by users who asked a minute earlier), then the minute's requests, all in parallel.
 */
export async function driveDay(options: DriveOptions): Promise<RequestOutcome[]> {
  const byMinute = new Map<number, CodeRequest[]>();
  for (const request of options.day) {
    let list = byMinute.get(request.minute);
    if (!list) byMinute.set(request.minute, (list = []));
    list.push(request);
  }
  const outcomes: RequestOutcome[] = [];
  let toVerify: RequestOutcome[] = [];
  for (let minute = 0; minute < 24 * 60; minute++) {
    const requests = byMinute.get(minute) ?? [];
    if (requests.length === 0 && toVerify.length === 0) continue;
    await options.setClock(minute);
    await inParallel(toVerify, async (outcome) => {
      const received = options.codes.get(outcome.request.phone);
      if (!received) return;
      const answer = await post(options.url, '/v1/sms/codes/verify', outcome.request.ip, {
        phone: outcome.request.phone,
        code: received.code,
      });
      outcome.verified = answer.status === 200;
    });
    const sent = await inParallel(requests, async (request) => {
      const answer = await post(options.url, '/v1/sms/codes', request.ip, { phone: request.phone });
      const body = answer.body as { code?: string; reason?: string };
      const outcome: RequestOutcome = { request, status: answer.status };
      if (answer.status !== 202) {
        outcome.error = body.code ?? String(answer.status);
        outcome.fraudGuard = body.reason === 'fraud_guard' || body.code === 'FraudSuspected';
      }
      return outcome;
    });
    outcomes.push(...sent);
    toVerify = sent.filter((outcome) => outcome.status === 202 && outcome.request.verifies);
  }
  return outcomes;
}

async function post(
  url: string,
  path: string,
  ip: string,
  body: object,
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : {} };
}

async function inParallel<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
  return results;
}
