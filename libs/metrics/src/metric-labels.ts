import { AppError } from '@app/common';

/** The route label of a request Fastify matched to no route (a scanner's URL is not a label). */
export const UNMATCHED_ROUTE = 'unmatched';

/** The label of an outcome that is no domain error (a bug, a dropped connection). */
export const UNEXPECTED_OUTCOME = 'InternalError';

/**
 * The route pattern (`/v1/admin/users/:id`), never the URL: ids, phones and codes in paths or
 * query strings would make a label per request.
 */
export function routeLabel(routePattern: string | undefined): string {
  return routePattern === undefined || routePattern.length === 0 ? UNMATCHED_ROUTE : routePattern;
}

/**
 * What a refusal or failure is counted under: its stable error code (a closed set of names
 * declared in the code), never its message, which may carry a phone or an amount.
 */
export function outcomeOf(error: unknown): string {
  return error instanceof AppError ? error.code : UNEXPECTED_OUTCOME;
}
