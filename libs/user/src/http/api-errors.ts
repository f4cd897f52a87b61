// Routes here declare their errors with the shared decorator, by class or by code.
export { ApiErrors } from '@app/common';

/** What a route that takes a code may answer with 400, besides its own checks. */
export const CODE_ERRORS = ['MissingCode', 'CodeIsError', 'CodeHasExpired', 'CodeHasValid'];
