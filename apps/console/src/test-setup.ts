import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

// antd's responsive components ask matchMedia, which jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// Node 25 and later have a `localStorage` global of their own (empty without
// --localstorage-file), which hides jsdom's: give the pages jsdom's storage.
declare const jsdom: { window: Window } | undefined;
if (typeof jsdom !== 'undefined' && !globalThis.localStorage) {
  Object.defineProperty(globalThis, 'localStorage', {
    value: jsdom.window.localStorage,
    configurable: true,
  });
}

afterEach(cleanup);
