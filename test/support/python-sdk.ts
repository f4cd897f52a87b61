import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { gunzipSync, inflateSync } from 'node:zlib';
import { LEANCLOUD_APP } from './leancloud';

/**
 * The requests of LeanCloud's Python SDK, `leancloud` 3.0.2, reproduced call by call.
 *
 * The SDK is not on the package registries this project can reach, so this client sends what
 * its source sends (leancloud/python-sdk at tag v3.0.2: `leancloud/client.py`, `user.py`,
 * `object_.py`, `cloud.py`): the same method, path, query, headers and body bytes, and raises
 * where the SDK raises. Function names are the SDK's, so a test reads like the Python app it
 * stands for. Only the calls of SMS, captcha and phone accounts are reproduced.
 */

/** `leancloud.__version__` at v3.0.2 (its `__init__.py` was never bumped from 2.1.9). */
const SDK_VERSION = '2.1.9';
const PYTHON_VERSION = { major: 3, minor: 11 };
/** What `requests` 2.31 puts on every request of a `Session` before the SDK's own headers. */
const REQUESTS_DEFAULT_HEADERS: Record<string, string> = {
  'User-Agent': 'python-requests/2.31.0',
  'Accept-Encoding': 'gzip, deflate',
  Accept: '*/*',
  Connection: 'keep-alive',
};

/** `leancloud.LeanCloudError`: raised whenever a JSON answer has an `error` key. */
export class PythonSdkError extends Error {
  constructor(
    readonly code: number,
    readonly error: string,
  ) {
    super(`LeanCloudError: [${code}] ${error}`);
    this.name = 'PythonSdkError';
  }
}

/** The LeanCloudError a call raises (fails the test if it returns). */
export async function pythonError(call: Promise<unknown>): Promise<PythonSdkError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof PythonSdkError) return error;
    throw error;
  }
  throw new Error('Expected the Python SDK call to raise LeanCloudError, but it returned');
}

/** One request as it left the client. */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string | undefined;
}

type Json = Record<string, unknown>;
type Params = Record<string, string | number | boolean | object>;

/** `json.dumps(obj, separators=(",", ":"))`: compact, and non-ASCII escaped as `\uXXXX`. */
export function pythonJsonDumps(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** `leancloud.User`: attributes, the objectId, and the session token kept apart. */
export class PyUser {
  id: string | undefined;
  private sessionToken: string | undefined;
  private attributes: Json = {};
  private changes: Json = {};

  constructor(
    private readonly sdk: PythonSdk,
    attrs: Json = {},
  ) {
    for (const [key, value] of Object.entries(attrs)) this.set(key, value);
  }

  get session_token(): string | undefined {
    return this.sessionToken;
  }

  get_session_token(): string | undefined {
    return this.sessionToken;
  }

  get(key: string): unknown {
    return this.attributes[key];
  }

  set(key: string, value: unknown): this {
    if (key === 'objectId' && typeof value === 'string') this.id = value;
    this.attributes[key] = value;
    this.changes[key] = value;
    return this;
  }

  /** `sign_up`: refuses an empty username or password itself, then saves as current user. */
  async sign_up(username?: string, password?: string): Promise<void> {
    if (username) this.set('username', username);
    if (password) this.set('password', password);
    if (!this.get('username')) throw new TypeError(`invalid username: ${String(username)}`);
    if (!this.get('password')) throw new TypeError('invalid password');
    await this.save(true);
  }

  /** `save`: POST /classes/_User when new, else PUT of the changed keys. */
  async save(makeCurrent = false): Promise<void> {
    const data = { ...this.changes };
    const path =
      this.id === undefined
        ? '/classes/_User?fetchWhenSave=false'
        : `/classes/_User/${this.id}?fetchWhenSave=false`;
    const content = await this.sdk.client.send(this.id === undefined ? 'POST' : 'PUT', path, data);
    this.updateData(content);
    this.handleSaveResult(makeCurrent);
  }

  /** `login`: POST /login with every attribute (`dump()`), then current. */
  async login(username?: string, password?: string, email?: string): Promise<void> {
    if (username) this.set('username', username);
    if (password) this.set('password', password);
    if (email) this.set('email', email);
    const content = await this.sdk.client.send('POST', '/login', this.dump());
    this.updateData(content);
    this.handleSaveResult(true);
    if (!('smsCode' in content)) delete this.attributes.smsCode;
  }

  /** `fetch`: GET /classes/_User/<id> (with `keys`/`include` only when given). */
  async fetch(): Promise<void> {
    const content = await this.sdk.client.get(`/classes/_User/${this.id ?? ''}`);
    this.updateData(content);
  }

  async update_password(oldPassword: string, newPassword: string): Promise<void> {
    const content = await this.sdk.client.send('PUT', `/users/${this.id ?? ''}/updatePassword`, {
      old_password: oldPassword,
      new_password: newPassword,
    });
    this.updateData(content);
    this.handleSaveResult(true);
  }

  /** Sends `None`, which `json.dumps` writes as `null`. */
  async refresh_session_token(): Promise<void> {
    const content = await this.sdk.client.send(
      'PUT',
      `/users/${this.id ?? ''}/refreshSessionToken`,
      null,
    );
    this.updateData(content);
    this.handleSaveResult(false);
  }

  /** False without a token or on 211; any other error is raised. */
  async is_authenticated(): Promise<boolean> {
    if (!this.sessionToken) return false;
    try {
      await this.sdk.client.get('/users/me', { session_token: this.sessionToken });
    } catch (error) {
      if (error instanceof PythonSdkError && error.code === 211) return false;
      throw error;
    }
    return this.sdk.client.lastStatus === 200;
  }

  logout(): void {
    if (this.sdk.User.get_current()?.id === this.id) this.sdk.currentUser = undefined;
  }

  /** `_update_data`: `sessionToken` kept apart, `objectId` read, every key an attribute. */
  updateData(content: Json): void {
    if ('sessionToken' in content) {
      this.sessionToken = content.sessionToken as string;
      delete content.sessionToken;
    }
    if (typeof content.objectId === 'string') this.id = content.objectId;
    Object.assign(this.attributes, content);
    this.changes = {};
  }

  handleSaveResult(makeCurrent: boolean): void {
    if (makeCurrent) this.sdk.currentUser = this;
    delete this.attributes.password;
  }

  private dump(): Json {
    return { ...this.attributes, ...(this.id === undefined ? {} : { objectId: this.id }) };
  }
}

/** `leancloud.client`: signing, headers, the current user's session, and `check_error`. */
class PyClient {
  lastStatus = 0;

  constructor(private readonly sdk: PythonSdk) {}

  /** `client.get(url, params)`: the params in the query string, no body. */
  get(path: string, params: Params = {}): Promise<Json> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) {
      query.append(key, typeof value === 'object' ? pythonJsonDumps(value) : pythonString(value));
    }
    const search = query.toString();
    return this.send('GET', search ? `${path}?${search}` : path, undefined);
  }

  /** `client.post` / `client.put`: `json.dumps(params)` as the body. */
  send(method: string, path: string, params: unknown): Promise<Json> {
    const body = params === undefined ? undefined : pythonJsonDumps(params);
    return this.sdk.sendRaw(method, `/1.1${path}`, this.signedHeaders(), body);
  }

  /** `need_init`: signs with the Master Key when the app was set up with it. */
  private signedHeaders(): Record<string, string> {
    const now = String(Date.now());
    const { appId, appKey, masterKey } = this.sdk.keys;
    const useMaster = this.sdk.useMasterKey && masterKey !== undefined;
    const key = useMaster ? masterKey : appKey;
    const sign = createHash('md5').update(`${now}${key}`).digest('hex');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json;charset=utf-8',
      'X-LC-Id': appId,
      // X-LC-Hook-Key is None without a hook key, and requests drops None headers.
      'X-LC-Prod': '1',
      'User-Agent': `AVOS Cloud python-${SDK_VERSION} SDK (${PYTHON_VERSION.major}.${PYTHON_VERSION.minor})`,
      'X-LC-Sign': useMaster ? `${sign},${now},master` : `${sign},${now}`,
    };
    const current = this.sdk.currentUser;
    if (current?.session_token !== undefined) headers['X-LC-Session'] = current.session_token;
    return headers;
  }
}

/** `requests` undoes the encodings it asked for. */
function decoded(body: Buffer, encoding: string | undefined): string {
  if (encoding === 'gzip') return gunzipSync(body).toString('utf8');
  if (encoding === 'deflate') return inflateSync(body).toString('utf8');
  return body.toString('utf8');
}

/** Python's `str()` of a query value: `True`, not `true`. */
function pythonString(value: string | number | boolean): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

export interface PythonSdkKeys {
  appId: string;
  appKey: string;
  masterKey?: string;
}

/**
 * `leancloud.init(app_id, app_key, master_key)` with `LEANCLOUD_API_SERVER` pointing here.
 * `{ master: true }` is an app initialised with its Master Key (a back end), which then signs
 * every request with it, as the SDK does.
 */
export class PythonSdk {
  readonly requests: SentRequest[] = [];
  readonly keys: PythonSdkKeys;
  readonly useMasterKey: boolean;
  currentUser: PyUser | undefined;
  readonly client = new PyClient(this);

  constructor(
    private readonly serverURL: string,
    options: { master?: boolean; keys?: PythonSdkKeys } = {},
  ) {
    this.keys = options.keys ?? LEANCLOUD_APP;
    this.useMasterKey = options.master === true;
  }

  newUser(attrs: Json = {}): PyUser {
    return new PyUser(this, attrs);
  }

  /** `leancloud.cloud` (and `client.get_server_time`). */
  readonly cloud = {
    /** `request_sms_code`: `idd` (+86) is put before a number without `+`; `smsType` always sent. */
    request_sms_code: async (
      phone: string,
      options: {
        idd?: string;
        sms_type?: 'sms' | 'voice';
        validate_token?: string;
        template?: string;
        sign?: string;
        params?: Json;
      } = {},
    ): Promise<void> => {
      const data: Json = {
        mobilePhoneNumber: phone.startsWith('+') ? phone : `${options.idd ?? '+86'}${phone}`,
        smsType: options.sms_type ?? 'sms',
      };
      if (options.template !== undefined) data.template = options.template;
      if (options.sign !== undefined) data.sign = options.sign;
      if (options.validate_token !== undefined) data.validate_token = options.validate_token;
      Object.assign(data, options.params ?? {});
      await this.client.send('POST', '/requestSmsCode', data);
    },

    verify_sms_code: async (phone: string, code: string): Promise<boolean> => {
      await this.client.send('POST', `/verifySmsCode/${code}`, { mobilePhoneNumber: phone });
      return true;
    },

    /** `request_captcha`: only the options given, in the query string. */
    request_captcha: async (
      options: { size?: number; width?: number; height?: number; ttl?: number } = {},
    ): Promise<{ token: string; url: string }> => {
      const params: Params = {};
      for (const key of ['size', 'width', 'height', 'ttl'] as const) {
        if (options[key] !== undefined) params[key] = options[key];
      }
      const content = await this.client.get('/requestCaptcha', params);
      return { token: content.captcha_token as string, url: content.captcha_url as string };
    },

    verify_captcha: async (code: string, token: string): Promise<string> => {
      const content = await this.client.send('POST', '/verifyCaptcha', {
        captcha_token: token,
        captcha_code: code,
      });
      return content.validate_token as string;
    },

    /** `session.get(get_url("/date"))`: no SDK headers at all, no signature. */
    get_server_time: async (): Promise<Date> => {
      const content = await this.sendRaw('GET', '/1.1/date', {}, undefined);
      if (content.__type !== 'Date' || typeof content.iso !== 'string') {
        throw new TypeError(`not a LeanCloud Date: ${JSON.stringify(content)}`);
      }
      return new Date(content.iso);
    },
  };

  /** `leancloud.User`'s class methods. */
  readonly User = {
    get_current: (): PyUser | undefined => this.currentUser,

    /** `become`: `/users/me` with `?session_token=`; the current user's header goes along. */
    become: async (sessionToken: string): Promise<PyUser> => {
      const content = await this.client.get('/users/me', { session_token: sessionToken });
      return this.currentFrom(content);
    },

    signup_or_login_with_mobile_phone: async (phone: string, smsCode: string): Promise<PyUser> => {
      const content = await this.client.send('POST', '/usersByMobilePhone', {
        mobilePhoneNumber: phone,
        smsCode,
      });
      return this.currentFrom(content);
    },

    login_with_mobile_phone: async (phone: string, password: string): Promise<PyUser> => {
      const user = new PyUser(this);
      user.updateData({ mobilePhoneNumber: phone, password });
      await user.login();
      return user;
    },

    request_login_sms_code: (phone: string, validateToken?: string) =>
      this.phoneRequest('/requestLoginSmsCode', phone, validateToken),

    request_password_reset_by_sms_code: (phone: string, validateToken?: string) =>
      this.phoneRequest('/requestPasswordResetBySmsCode', phone, validateToken),

    request_mobile_phone_verify: (phone: string, validateToken?: string) =>
      this.phoneRequest('/requestMobilePhoneVerify', phone, validateToken),

    reset_password_by_sms_code: async (
      smsCode: string,
      newPassword: string,
      phone: string,
    ): Promise<void> => {
      await this.client.send('PUT', `/resetPasswordBySmsCode/${smsCode}`, {
        password: newPassword,
        mobilePhoneNumber: phone,
      });
    },

    request_change_phone_number: async (
      phone: string,
      ttl?: number,
      validateToken?: string,
    ): Promise<void> => {
      const params: Json = { mobilePhoneNumber: phone };
      if (ttl !== undefined) params.ttl = ttl;
      if (validateToken !== undefined) params.validate_token = validateToken;
      await this.client.send('POST', '/requestChangePhoneNumber', params);
    },

    change_phone_number: async (smsCode: string, phone: string): Promise<void> => {
      await this.client.send('POST', '/changePhoneNumber', {
        mobilePhoneNumber: phone,
        code: smsCode,
      });
    },

    verify_mobile_phone_number: async (smsCode: string, phone: string): Promise<void> => {
      await this.client.send('POST', `/verifyMobilePhone/${smsCode}`, { mobilePhoneNumber: phone });
    },
  };

  private currentFrom(content: Json): PyUser {
    const user = new PyUser(this);
    user.updateData(content);
    user.handleSaveResult(true);
    return user;
  }

  private async phoneRequest(path: string, phone: string, validateToken?: string): Promise<void> {
    const params: Json = { mobilePhoneNumber: phone };
    if (validateToken !== undefined) params.validate_token = validateToken;
    await this.client.send('POST', path, params);
  }

  /**
   * One request over a fresh connection, with `requests`' session headers under the given
   * ones, then `check_error`: a `text/html` answer is error -1, a JSON object with `error` is
   * LeanCloudError(code or 1, error). Like the SDK, a 4xx or 5xx without `error` is not raised.
   */
  async sendRaw(
    method: string,
    pathAndQuery: string,
    headers: Record<string, string>,
    body: string | undefined,
  ): Promise<Json> {
    const url = new URL(pathAndQuery, this.serverURL);
    const allHeaders: Record<string, string> = { ...REQUESTS_DEFAULT_HEADERS, ...headers };
    if (body !== undefined) allHeaders['Content-Length'] = String(Buffer.byteLength(body));
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: allHeaders,
      body,
    });
    const { status, contentType, text } = await new Promise<{
      status: number;
      contentType: string | undefined;
      text: string;
    }>((resolve, reject) => {
      const outgoing = httpRequest(url, { method, headers: allHeaders }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            contentType: response.headers['content-type'],
            text: decoded(Buffer.concat(chunks), response.headers['content-encoding']),
          }),
        );
        response.on('error', reject);
      });
      outgoing.on('error', reject);
      outgoing.setTimeout(15_000, () => outgoing.destroy(new Error('timeout (15 s, as the SDK)')));
      outgoing.end(body);
    });
    this.client.lastStatus = status;
    if (contentType === 'text/html') throw new PythonSdkError(-1, 'Bad Request');
    const content = JSON.parse(text) as unknown;
    if (content !== null && typeof content === 'object' && 'error' in content) {
      const { code, error } = content as { code?: number; error: string };
      throw new PythonSdkError(code ?? 1, error);
    }
    return content as Json;
  }
}
