import { Injectable } from '@nestjs/common';
import { AppConfigService, Environment, PhoneChangeProofSetting } from '@app/config';
import type { LeanCloudKeys } from './auth/leancloud-credentials';

/** Where the compatible API is mounted: SDKs call `serverURL + '/1.1/...'`. */
export const LEANCLOUD_PREFIX = '/1.1';

/** Whether a request URL (path and query) is one of the compatible API's. */
export const underLeanCloudPrefix = (url: string): boolean =>
  url === LEANCLOUD_PREFIX || /^\/1\.1[/?]/.test(url);

/** The layer is on when the app's ID is configured (the schema then requires both keys). */
export function isLeanCloudEnabled(environment: Pick<Environment, 'LEANCLOUD_APP_ID'>): boolean {
  return environment.LEANCLOUD_APP_ID !== undefined;
}

/** The LeanCloud settings, read once. */
@Injectable()
export class LeanCloudSettings {
  readonly keys: LeanCloudKeys;
  /** Browser origins allowed to call; empty means any. */
  readonly webOrigins: readonly string[];
  /** `POST /1.1/users` sends a `verify_phone` code to the new account's phone. */
  readonly verifyPhoneOnSignUp: boolean;
  /** What `changePhoneNumber` asks besides the session and the new phone's code. */
  readonly phoneChangeProof: PhoneChangeProofSetting;

  constructor(config: AppConfigService) {
    const appId = config.get('LEANCLOUD_APP_ID');
    const appKey = config.get('LEANCLOUD_APP_KEY');
    const masterKey = config.get('LEANCLOUD_MASTER_KEY');
    if (appId === undefined || appKey === undefined || masterKey === undefined) {
      throw new Error('The LeanCloud layer needs LEANCLOUD_APP_ID, _APP_KEY and _MASTER_KEY');
    }
    this.keys = {
      appId,
      appKey,
      masterKey,
      masterSignMaxSkewMs: config.get('LEANCLOUD_MASTER_SIGN_MAX_SKEW_SECONDS') * 1000,
    };
    this.webOrigins = config.get('LEANCLOUD_WEB_ORIGINS');
    this.verifyPhoneOnSignUp = config.get('LEANCLOUD_VERIFY_PHONE_ON_SIGNUP');
    this.phoneChangeProof = config.get('USER_PHONE_CHANGE_PROOF');
  }
}
