import { AppError } from '@app/common';

export class PhoneInvalidError extends AppError {
  readonly code = 'PhoneInvalid';
  readonly status = 400;
  constructor(message = 'Not a valid mobile phone number') {
    super(message);
  }
}

export class RegionNotAllowedError extends AppError {
  readonly code = 'RegionNotAllowed';
  readonly status = 400;
  constructor(region: string) {
    super(`Phone numbers of region ${region} are not served`);
  }
}
