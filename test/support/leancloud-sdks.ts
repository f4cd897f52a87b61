import AV4 from 'leancloud-storage';
import { LEANCLOUD_APP } from './leancloud';

/**
 * The official JavaScript SDK at the three major versions apps still ship, each pointed at a
 * running instance the way that version is told where its server is. Each is a module of its
 * own (npm aliases), so one test file can drive all three; each can be initialised once per
 * test file, as in an app.
 */
export type Sdk = typeof AV4;

type Keys = { appId: string; appKey: string };

/** 4.x (4.15.2): `serverURL`. */
export function initSdk4(serverURL: string, keys: Keys = LEANCLOUD_APP): Sdk {
  AV4.init({ appId: keys.appId, appKey: keys.appKey, serverURL });
  return AV4;
}

/**
 * 3.x (3.15.0): `serverURLs`. It ignores an unknown `serverURL` and asks LeanCloud's app
 * router instead, so a 3.x app changed to `serverURL` would silently keep calling LeanCloud.
 */
export function initSdk3(serverURL: string, keys: Keys = LEANCLOUD_APP): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AV3 = require('leancloud-storage-3') as Sdk & {
    init(options: Keys & { serverURLs: string }): void;
  };
  AV3.init({ appId: keys.appId, appKey: keys.appKey, serverURLs: serverURL });
  return AV3;
}

/**
 * 2.x (2.5.4): the API host is set before `AV.init`. Set after it (or as the older
 * `AV.serverURL`), `init` has already asked LeanCloud's app router where to go.
 */
export function initSdk2(serverURL: string, keys: Keys = LEANCLOUD_APP): Sdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AV2 = require('leancloud-storage-2') as Sdk & {
    _config: { APIServerURL?: string };
    init(options: Keys): void;
  };
  AV2._config.APIServerURL = serverURL;
  AV2.init({ appId: keys.appId, appKey: keys.appKey });
  return AV2;
}
