import { demoContentSecurityPolicy } from './demo-content-security-policy';

const directives = (policy: string): Record<string, string> =>
  Object.fromEntries(
    policy.split('; ').map((directive) => {
      const [name, ...sources] = directive.split(' ');
      return [name, sources.join(' ')];
    }),
  );

describe('demoContentSecurityPolicy', () => {
  it('loads nothing from elsewhere with the image captcha', () => {
    const policy = directives(demoContentSecurityPolicy('image'));
    expect(policy['script-src']).toBe("'self'");
    expect(policy['frame-src']).toBeUndefined();
    expect(policy['default-src']).toBe("'none'");
    expect(demoContentSecurityPolicy('image')).not.toContain('cloudflare');
  });

  it("allows Turnstile's script and frame from Cloudflare, and nothing more, with Turnstile", () => {
    const policy = directives(demoContentSecurityPolicy('turnstile'));
    expect(policy['script-src']).toBe("'self' https://challenges.cloudflare.com");
    expect(policy['frame-src']).toBe('https://challenges.cloudflare.com');
    expect(policy['connect-src']).toBe("'self'");
    expect(policy['style-src']).toBe("'self'");
    expect(policy['frame-ancestors']).toBe("'none'");
  });
});
