import { AppError } from '@app/common';

/** The service runs without a console build (`npm run build` makes it). */
export class ConsoleNotBuiltError extends AppError {
  readonly code = 'ConsoleNotBuilt';
  readonly status = 503;

  constructor() {
    super('The console is not built: run npm run build');
  }
}

export class ConsoleAssetNotFoundError extends AppError {
  readonly code = 'ConsoleAssetNotFound';
  readonly status = 404;

  constructor() {
    super('No such console file');
  }
}
