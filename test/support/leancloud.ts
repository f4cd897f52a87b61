import { createHash } from 'node:crypto';
import AV from 'leancloud-storage';
import { startTestApp, TestApp } from './test-app';
import { WebhookReceiver } from './webhook-receiver';

/** The LeanCloud app the e2e suites pretend to migrate. */
export const LEANCLOUD_APP = {
  appId: 'smsauthE2eApp0123456789a',
  appKey: 'e2e-app-key-0123456789ab',
  masterKey: 'e2e-master-key-0123456789',
} as const;

/** Settings that turn the `/1.1` layer on for that app. */
export const leanCloudSettings: Record<string, string> = {
  LEANCLOUD_APP_ID: LEANCLOUD_APP.appId,
  LEANCLOUD_APP_KEY: LEANCLOUD_APP.appKey,
  LEANCLOUD_MASTER_KEY: LEANCLOUD_APP.masterKey,
};

/** Points the official SDK at a running instance, exactly as an app's start-up does. */
export function initSdk(
  serverURL: string,
  keys: { appId: string; appKey: string } = LEANCLOUD_APP,
): typeof AV {
  AV.init({ appId: keys.appId, appKey: keys.appKey, serverURL });
  return AV;
}

/** The headers the SDK sends, for the requests a test makes by hand. */
export function signedHeaders(
  key: string = LEANCLOUD_APP.appKey,
  role?: 'master',
): Record<string, string> {
  const timestamp = String(Date.now());
  const sign = createHash('md5').update(`${timestamp}${key}`).digest('hex');
  return {
    'X-LC-Id': LEANCLOUD_APP.appId,
    'X-LC-Sign': [sign, timestamp, ...(role ? [role] : [])].join(','),
    'Content-Type': 'application/json;charset=UTF-8',
  };
}

/** What a rejected SDK promise carries: LeanCloud's number and the server's own text. */
export interface SdkError {
  code: number;
  rawMessage?: string;
  message: string;
}

/** The error a call rejects with (fails the test if it resolves). */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('Expected the SDK call to fail, but it succeeded');
}

/** An app instance with the `/1.1` layer on, listening, the SDK pointed at it, SMS caught. */
export interface LeanCloudTestApp {
  service: TestApp;
  receiver: WebhookReceiver;
  AV: typeof AV;
  serverURL: string;
  close(): Promise<void>;
}

export async function startLeanCloudApp(
  overrides: Record<string, string> = {},
): Promise<LeanCloudTestApp> {
  const receiver = await new WebhookReceiver().start();
  const service = await startTestApp({ ...receiver.settings, ...leanCloudSettings, ...overrides });
  const serverURL = await service.listen();
  return {
    service,
    receiver,
    AV: initSdk(serverURL),
    serverURL,
    close: async () => {
      await service.close();
      await receiver.stop();
    },
  };
}
