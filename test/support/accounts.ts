import { uniqueCnPhone } from './phones';
import { TEST_ADMIN_KEY, TestApp } from './test-app';
import { WebhookReceiver } from './webhook-receiver';

export interface UserBody {
  id: string;
  phone: string;
  username: string | null;
  mobilePhoneVerified: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SignedUp {
  phone: string;
  password?: string;
  sessionToken: string;
  user: UserBody;
}

export const bearer = (token: string): string => `Bearer ${token}`;
export const ADMIN = bearer(TEST_ADMIN_KEY);

/**
 * Account helpers over HTTP only, as a client would do it: codes are read from the
 * webhook receiver the app sends its SMS to.
 */
export class Accounts {
  constructor(
    private readonly service: TestApp,
    private readonly receiver: WebhookReceiver,
  ) {}

  /** Asks for a code and returns it; fails the test unless the code was sent (202). */
  async codeFor(phone: string, purpose: string, sessionToken?: string): Promise<string> {
    const request = this.service.http().post('/v1/sms/codes').send({ phone, purpose });
    if (sessionToken !== undefined) void request.set('Authorization', bearer(sessionToken));
    const response = await request;
    if (response.status !== 202) {
      throw new Error(`No ${purpose} code for ${phone}: ${response.status} ${response.text}`);
    }
    return this.receiver.lastCodeFor(phone);
  }

  async signUp(
    options: { phone?: string; password?: string; username?: string } = {},
  ): Promise<SignedUp> {
    const phone = options.phone ?? uniqueCnPhone();
    const code = await this.codeFor(phone, 'signup');
    const response = await this.service
      .http()
      .post('/v1/users')
      .send({ phone, code, password: options.password, username: options.username });
    if (response.status !== 201) {
      throw new Error(`Sign-up failed: ${response.status} ${response.text}`);
    }
    const body = response.body as { user: UserBody; sessionToken: string };
    return { phone, password: options.password, ...body };
  }

  /** An account whose phone an operator marked unverified (e.g. a recycled number). */
  async signUpUnverified(password?: string): Promise<SignedUp> {
    const account = await this.signUp({ password });
    await this.service
      .http()
      .patch(`/v1/admin/users/${account.user.id}`)
      .set('Authorization', ADMIN)
      .send({ mobilePhoneVerified: false })
      .expect(200);
    return { ...account, user: { ...account.user, mobilePhoneVerified: false } };
  }

  me(sessionToken: string) {
    return this.service.http().get('/v1/users/me').set('Authorization', bearer(sessionToken));
  }

  /** The id of the session of this token, as its owner's GET /v1/sessions marks it. */
  async sessionIdOf(sessionToken: string): Promise<string> {
    const response = await this.service
      .http()
      .get('/v1/sessions')
      .set('Authorization', bearer(sessionToken));
    const items = (response.body as { items?: Array<{ id: string; current: boolean }> }).items;
    const current = items?.find((item) => item.current);
    if (current === undefined) {
      throw new Error(`No current session: ${response.status} ${response.text}`);
    }
    return current.id;
  }
}

/** The accounts an admin sees for a phone (0 or 1: phone is unique). */
export async function accountsWithPhone(service: TestApp, phone: string): Promise<UserBody[]> {
  const response = await service
    .http()
    .get('/v1/admin/users')
    .query({ phone })
    .set('Authorization', ADMIN)
    .expect(200);
  return (response.body as { items: UserBody[] }).items;
}
