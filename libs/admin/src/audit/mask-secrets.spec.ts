import { auditedBody, MASK, maskSecrets } from './mask-secrets';

describe('maskSecrets', () => {
  it('masks passwords, keys, tokens, secrets and codes at any depth, and keeps the rest', () => {
    expect(
      maskSecrets({
        username: 'alice',
        password: 'hunter2-hunter2',
        apiKey: 'the-key',
        nested: { secret: 's', csrfToken: 't', code: '123456', url: 'https://example.com' },
        items: [{ newPassword: 'x', role: 'viewer' }],
      }),
    ).toEqual({
      username: 'alice',
      password: MASK,
      apiKey: MASK,
      nested: { secret: MASK, csrfToken: MASK, code: MASK, url: 'https://example.com' },
      items: [{ newPassword: MASK, role: 'viewer' }],
    });
  });

  it('keeps an empty secret field as it is, so the log tells it was cleared', () => {
    expect(maskSecrets({ secret: null })).toEqual({ secret: null });
  });

  it('keeps a boolean under a secret-looking name: a state, not a secret', () => {
    expect(
      maskSecrets({ totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXP', password: false }),
    ).toEqual({ totpEnabled: true, totpSecret: MASK, password: false });
  });
});

describe('auditedBody', () => {
  it('keeps no body for a non-object, and cuts a long one to its size', () => {
    expect(auditedBody(undefined)).toBeUndefined();
    expect(auditedBody('text')).toBeUndefined();
    expect(auditedBody({ rows: 'x'.repeat(20_000) })).toEqual({ truncated: true, chars: 20_011 });
  });
});
