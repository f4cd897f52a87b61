import { ANONYMOUS_ACTOR, actorFromAuthorization, sessionActor } from './actor';

describe('actorFromAuthorization', () => {
  const token = 'aV3ryL0ngSessi0nT0ken-0123456789_abcdefghij';

  it('reads the caller of a Bearer token, whatever the scheme’s case and the spaces around', () => {
    const caller = { kind: 'session', sessionToken: token };
    expect(actorFromAuthorization(`Bearer ${token}`)).toEqual(caller);
    expect(actorFromAuthorization(`bearer   ${token}  `)).toEqual(caller);
    expect(actorFromAuthorization(`BEARER ${token}`)).toEqual(caller);
  });

  it('is anonymous without the header', () => {
    expect(actorFromAuthorization(undefined)).toBe(ANONYMOUS_ACTOR);
  });

  it.each([
    ['an empty header', ''],
    ['the scheme alone', 'Bearer'],
    ['the scheme and spaces', 'Bearer   '],
    ['another scheme', `Basic ${token}`],
    ['a token without its scheme', token],
    ['two tokens', `Bearer ${token} ${token}`],
    ['the header given twice', [`Bearer ${token}`, `Bearer ${token}`]],
  ])('is anonymous for %s', (_case, header) => {
    expect(actorFromAuthorization(header)).toBe(ANONYMOUS_ACTOR);
  });

  it('makes a new actor per request, so what is learnt of one caller stays with it', () => {
    expect(actorFromAuthorization(`Bearer ${token}`)).not.toBe(
      actorFromAuthorization(`Bearer ${token}`),
    );
  });
});

describe('sessionActor', () => {
  it('is the caller of a token, or anonymous without one', () => {
    expect(sessionActor('x-lc-session-token')).toEqual({
      kind: 'session',
      sessionToken: 'x-lc-session-token',
    });
    expect(sessionActor(undefined)).toBe(ANONYMOUS_ACTOR);
  });
});
