import { Agent, request as httpRequest } from 'node:http';

export interface CodeAnswer {
  phone: string;
  /** The service it went to. */
  target: string;
  status?: number;
  body?: Record<string, unknown>;
  /** The connection failed or was cut (the process died under it): no answer. */
  error?: string;
}

/**
 * `POST /v1/sms/codes` for each phone, `concurrency` at a time, on keep-alive connections as a
 * load balancer holds them. The target can be taken away (`retarget(undefined)`: no new
 * request starts; those in flight finish or are cut) and given back (another process), as a
 * client fails over. Bounded: each phone is asked once.
 */
export class CodeLoad {
  readonly answers: CodeAnswer[] = [];
  private next = 0;
  private target?: string;
  private wake: Array<() => void> = [];
  private readonly agent = new Agent({ keepAlive: true });
  private running?: Promise<void>;

  constructor(
    private readonly phones: readonly string[],
    private readonly concurrency: number,
  ) {}

  get answered(): number {
    return this.answers.filter((answer) => answer.status !== undefined).length;
  }

  /** Requests started so far (answered, cut or in flight). */
  get started(): number {
    return this.next;
  }

  start(target: string): this {
    this.retarget(target);
    this.running = Promise.all(Array.from({ length: this.concurrency }, () => this.worker())).then(
      () => undefined,
    );
    return this;
  }

  retarget(target: string | undefined): void {
    this.target = target;
    if (target !== undefined) this.wake.splice(0).forEach((wake) => wake());
  }

  /** Resolves once every phone was asked. */
  async done(): Promise<void> {
    await this.running;
    this.agent.destroy();
  }

  /** Resolves once `count` answers came. */
  async untilAnswered(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.answered < count) {
      if (Date.now() > deadline)
        throw new Error(`Only ${this.answered} answers in ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  private async worker(): Promise<void> {
    while (this.next < this.phones.length) {
      const target = this.target;
      if (target === undefined) {
        await new Promise<void>((resolve) => this.wake.push(resolve));
        continue;
      }
      const phone = this.phones[this.next++];
      this.answers.push(await this.send(target, phone));
    }
  }

  private send(target: string, phone: string): Promise<CodeAnswer> {
    const url = new URL('/v1/sms/codes', target);
    const payload = JSON.stringify({ phone });
    return new Promise((resolve) => {
      const req = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: url.pathname,
          agent: this.agent,
          headers: { 'content-type': 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let body: Record<string, unknown>;
            try {
              body = JSON.parse(text) as Record<string, unknown>;
            } catch {
              body = { unparsed: text };
            }
            resolve({ phone, target, status: res.statusCode, body });
          });
          res.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ phone, target, error: error.code ?? error.message }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ phone, target, error: error.code ?? error.message }),
      );
      req.end(payload);
    });
  }
}
