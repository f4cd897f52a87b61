import { AppError } from '@app/common';

// Errors of the campaign admin routes.

export class CampaignNotFoundError extends AppError {
  readonly code = 'CampaignNotFound';
  readonly status = 404;
  constructor() {
    super('No such campaign');
  }
}

/** The action does not apply to the campaign's state (see campaign-states.ts). */
export class CampaignStateConflictError extends AppError {
  readonly code = 'CampaignStateConflict';
  readonly status = 409;
  constructor(action: string, state: string) {
    super(`A campaign that is ${state} cannot be ${action}`);
  }
}

/** Confirmed with no recipient to send to. */
export class CampaignHasNoRecipientsError extends AppError {
  readonly code = 'CampaignHasNoRecipients';
  readonly status = 409;
  constructor() {
    super('The campaign has no recipient to send to: upload a list first');
  }
}

/** A marketing campaign whose template does not end with an opt-out text. */
export class OptOutTextMissingError extends AppError {
  readonly code = 'OptOutTextMissing';
  readonly status = 409;
  constructor(template: string) {
    super(`Marketing template ${template} does not end with an opt-out text, e.g. 拒收请回复R`);
  }
}

/**
 * A campaign's rate above what the providers take together a second (their
 * `<PROVIDER>_MAX_PER_SECOND`): it could never be held, only spill over into failures.
 */
export class CampaignRateAboveProvidersError extends AppError {
  readonly code = 'CampaignRateAboveProviders';
  readonly status = 400;
  constructor(readonly maxRate: number) {
    super(`The providers take at most ${maxRate} messages a second: ask for that or less`);
  }

  override get details(): Record<string, unknown> {
    return { maxRate: this.maxRate };
  }
}

/** The uploaded file is not a CSV or XLSX list this campaign can read. */
export class RecipientFileInvalidError extends AppError {
  readonly code = 'RecipientFileInvalid';
  readonly status = 400;
  constructor(message: string) {
    super(message);
  }
}

export class RecipientFileTooLargeError extends AppError {
  readonly code = 'RecipientFileTooLarge';
  readonly status = 413;
  constructor(maxBytes: number) {
    super(`A recipient file may be at most ${maxBytes / 1024 / 1024} MB`);
  }
}
