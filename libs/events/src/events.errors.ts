import { AppError } from '@app/common';

export class WebhookNotFoundError extends AppError {
  readonly code = 'WebhookNotFound';
  readonly status = 404;
  constructor() {
    super('No webhook endpoint has this id');
  }
}

export class WebhookDeliveryNotFoundError extends AppError {
  readonly code = 'WebhookDeliveryNotFound';
  readonly status = 404;
  constructor() {
    super('This webhook endpoint has no delivery with this id');
  }
}
