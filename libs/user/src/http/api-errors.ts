// Routes here declare their errors with the shared decorator, by class or by code.
export { ApiErrors } from '@app/common';

/** What a route that takes a code may answer with 400, besides its own checks. */
export const CODE_ERRORS = ['MissingCode', 'CodeIsError', 'CodeHasExpired', 'CodeHasValid'];

/** The 429 of a route that takes a code: the phone spent its daily budget of wrong guesses. */
export const CODE_GUESS_LIMIT_ERRORS = { 429: ['TooManyAttempts'] };
