import { AppError } from '@app/common';
import { LeanCloudCode, LeanCloudError } from './leancloud-error';

/** Domain codes whose LeanCloud number depends on the route (e.g. UserNotFound by phone: 213). */
export type RouteErrorCodes = Readonly<Record<string, LeanCloudCode>>;

/** Runs `work`, answering the listed domain errors with this route's LeanCloud numbers. */
export async function answering<T>(codes: RouteErrorCodes, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && Object.hasOwn(codes, error.code)) {
      throw new LeanCloudError(codes[error.code]);
    }
    throw error;
  }
}
