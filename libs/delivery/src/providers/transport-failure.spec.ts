import { neverWritten } from './transport-failure';

describe('neverWritten', () => {
  it.each([
    'ECONNREFUSED',
    'ENOTFOUND',
    'EAI_AGAIN',
    'UND_ERR_CONNECT_TIMEOUT',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
  ])('knows %s happens before the request is written', (code) =>
    expect(neverWritten(code)).toBe(true),
  );

  it.each(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ETIMEDOUT', 'NetworkError', 'Timeout'])(
    'takes %s as possibly after the request was written',
    (code) => expect(neverWritten(code)).toBe(false),
  );
});
