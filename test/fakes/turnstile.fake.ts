import { FakeHttpReaction, ReceivedHttpRequest, startFakeHttpServer } from './provider-fake-server';

export const TURNSTILE_FAKE_SECRET = '0x4AAAAAAAfakeTurnstileSecretKey00';
/** Public, as a real site key is: the widget is rendered with it. */
export const TURNSTILE_FAKE_SITE_KEY = '0x4AAAAAAAfakeTurnstileSiteKey';
export const SITEVERIFY_PATH = '/turnstile/v0/siteverify';

/** What the fake does with the next calls: answer as Cloudflare does, or misbehave. */
export type TurnstileFakeMode = 'ok' | 'html' | 'error500' | 'drop' | 'hang';

/** Where and for what the widget was solved: what siteverify reports of a token. */
export interface SolvedWidget {
  hostname: string;
  action: string;
}

export interface SiteverifyCall {
  contentType: string | undefined;
  form: Record<string, string>;
}

/**
 * A stand-in for Cloudflare's siteverify, faithful to the documented contract: a form POST of
 * `secret`, `response` and optional `remoteip`, answered with `{ success, "error-codes" }`.
 * Tokens it "issued" are those starting `valid-`; each verifies once, then is
 * `timeout-or-duplicate`, as Turnstile's are. A token from `solvedOn` reports the hostname and
 * action it was made for; any other `valid-` one, example.com and no action (as Cloudflare's
 * test keys do).
 */
export class TurnstileFake {
  readonly calls: SiteverifyCall[] = [];
  mode: TurnstileFakeMode = 'ok';
  private readonly spent = new Set<string>();
  private readonly solved = new Map<string, SolvedWidget>();
  private issued = 0;
  private server?: { url: string; close(): Promise<void> };

  async start(): Promise<this> {
    this.server = await startFakeHttpServer((request) => this.react(request));
    return this;
  }

  async stop(): Promise<void> {
    await this.server?.close();
  }

  /** A token as the widget gives it to a page at `hostname`, rendered with `action`. */
  solvedOn(hostname: string, action = ''): string {
    const token = `valid-solved-${++this.issued}-${'t'.repeat(400)}`;
    this.solved.set(token, { hostname, action });
    return token;
  }

  /** Settings that point an app instance at this fake. */
  get settings(): Record<string, string> {
    if (!this.server) throw new Error('start() the fake first');
    return {
      CAPTCHA_PROVIDER: 'turnstile',
      TURNSTILE_SECRET_KEY: TURNSTILE_FAKE_SECRET,
      TURNSTILE_SITE_KEY: TURNSTILE_FAKE_SITE_KEY,
      TURNSTILE_VERIFY_URL: `${this.server.url}${SITEVERIFY_PATH}`,
    };
  }

  private react(request: ReceivedHttpRequest): FakeHttpReaction {
    if (this.mode === 'drop' || this.mode === 'hang') return this.mode;
    if (this.mode === 'error500') return { status: 500, body: 'upstream failure' };
    if (this.mode === 'html') {
      return { status: 200, headers: { 'content-type': 'text/html' }, body: '<html>…</html>' };
    }
    if (request.method !== 'POST' || request.target !== SITEVERIFY_PATH) {
      return { status: 404, body: 'not found' };
    }
    const form = Object.fromEntries(new URLSearchParams(request.body));
    this.calls.push({ contentType: request.headers['content-type'], form });
    return json(this.outcome(form));
  }

  private outcome(form: Record<string, string>): Record<string, unknown> {
    const fail = (code: string) => ({ success: false, 'error-codes': [code], messages: [] });
    if (!form.secret) return fail('missing-input-secret');
    if (form.secret !== TURNSTILE_FAKE_SECRET) return fail('invalid-input-secret');
    if (!form.response) return fail('missing-input-response');
    if (!form.response.startsWith('valid-')) return fail('invalid-input-response');
    if (this.spent.has(form.response)) return fail('timeout-or-duplicate');
    this.spent.add(form.response);
    const { hostname, action } = this.solved.get(form.response) ?? {
      hostname: 'example.com',
      action: '',
    };
    return {
      success: true,
      challenge_ts: new Date().toISOString(),
      hostname,
      'error-codes': [],
      action,
      cdata: '',
    };
  }
}

function json(body: unknown): FakeHttpReaction {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}
