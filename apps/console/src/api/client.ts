import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema';

export type Schemas = components['schemas'];

/** The service's error model (AppError): `code` is stable, `message` for humans. */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Thrown by `ok()` for an error answer, so pages show `code: message`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.code ? `${body.code}: ${body.message ?? ''}` : `HTTP ${status}`);
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

/** The session's CSRF token, sent on every state-changing call (X-CSRF-Token). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when an answer says the session is gone (401): the console shows the sign-in page. */
export function setSignedOutHandler(handler: (() => void) | undefined): void {
  onSignedOut = handler;
}

/** X-CSRF-Token for a state-changing call made without the typed client. */
export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'X-CSRF-Token': csrfToken } : {};
}

const SESSION_PATHS = ['/v1/admin/session', '/v1/admin/setup'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const session: Middleware = {
  onRequest({ request }) {
    if (csrfToken && !SAFE_METHODS.has(request.method)) {
      request.headers.set('X-CSRF-Token', csrfToken);
    }
    return request;
  },
  onResponse({ response, request }) {
    // A 401 of sign-in or setup is a wrong password or key, not a session that ended.
    const path = new URL(request.url).pathname;
    if (response.status === 401 && !SESSION_PATHS.some((prefix) => path.startsWith(prefix))) {
      onSignedOut?.();
    }
    return response;
  },
};

/** The typed client: paths and bodies from the service's OpenAPI document (schema.d.ts). */
export const api = createClient<paths>({
  baseUrl: typeof window === 'undefined' ? '' : window.location.origin,
  credentials: 'same-origin',
  // The global fetch at call time, not at start-up (component tests replace it).
  fetch: (request) => globalThis.fetch(request),
});
api.use(session);

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError with the service's code. */
export async function ok<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) {
    throw new ApiError(response.status, error as ApiErrorBody | undefined);
  }
  return data as T;
}
