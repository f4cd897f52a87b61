import { AppError } from '@app/common';

/** METRICS_TOKEN is unset: the public port exposes no metrics, as if the route did not exist. */
export class MetricsNotExposedError extends AppError {
  readonly code = 'NotFound';
  readonly status = 404;

  constructor() {
    super('Not found');
  }
}
