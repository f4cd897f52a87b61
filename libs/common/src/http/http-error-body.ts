import { HttpStatus } from '@nestjs/common';

/** The one shape of every error this API answers with. */
export interface HttpErrorBody {
  statusCode: number;
  code: string;
  message: string;
  [detail: string]: unknown;
}

/** Stable codes for errors raised by the framework rather than by our domains. */
const codeByStatus: Partial<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'InValidParam',
  [HttpStatus.UNAUTHORIZED]: 'Unauthorized',
  [HttpStatus.FORBIDDEN]: 'Forbidden',
  [HttpStatus.NOT_FOUND]: 'NotFound',
  [HttpStatus.METHOD_NOT_ALLOWED]: 'MethodNotAllowed',
  [HttpStatus.NOT_ACCEPTABLE]: 'NotAcceptable',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'PayloadTooLarge',
  [HttpStatus.URI_TOO_LONG]: 'UriTooLong',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'UnsupportedMediaType',
  [HttpStatus.TOO_MANY_REQUESTS]: 'TooManyRequests',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'ServiceUnavailable',
};

export function codeForStatus(status: number): string {
  return codeByStatus[status] ?? (status >= 500 ? 'InternalError' : 'BadRequest');
}
