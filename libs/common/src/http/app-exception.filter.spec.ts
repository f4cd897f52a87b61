import { ArgumentsHost, BadRequestException, ExceptionFilter } from '@nestjs/common';
import { AppExceptionFilter } from './app-exception.filter';

/** A host whose reply records what was sent. */
function hostFor(url: string) {
  const sent: { status?: number; body?: unknown } = {};
  const reply = {
    header: () => reply,
    status: (status: number) => ((sent.status = status), reply),
    type: () => reply,
    send: (body: unknown) => ((sent.body = body), reply),
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ url }), getResponse: () => reply }),
  } as unknown as ArgumentsHost;
  return { host, sent };
}

describe('AppExceptionFilter with a prefix of its own format', () => {
  const handled: string[] = [];
  const other: ExceptionFilter = { catch: (_error, host) => void handled.push(urlOf(host)) };
  const urlOf = (host: ArgumentsHost) => host.switchToHttp().getRequest<{ url: string }>().url;
  const filter = new AppExceptionFilter([{ prefix: '/1.1', filter: other }]);

  beforeEach(() => handled.splice(0));

  it.each(['/1.1', '/1.1/login', '/1.1?x=1', '/1.1/users/me?y'])(
    'hands %s to that format',
    (url) => {
      const { host, sent } = hostFor(url);
      filter.catch(new BadRequestException('bad'), host);
      expect(handled).toEqual([url]);
      expect(sent.status).toBeUndefined();
    },
  );

  it.each(['/1.10/login', '/1.1x', '/v1/1.1', '/'])('answers %s in its own format', (url) => {
    const { host, sent } = hostFor(url);
    filter.catch(new BadRequestException('bad'), host);
    expect(handled).toEqual([]);
    expect(sent).toMatchObject({ status: 400, body: { statusCode: 400, code: 'InValidParam' } });
  });
});
