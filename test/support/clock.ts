/** Fakes only the clock (Date), so the app's timers and sockets keep running. */
export function fakeClock(): void {
  jest.useFakeTimers({
    doNotFake: [
      'nextTick',
      'setImmediate',
      'setTimeout',
      'setInterval',
      'queueMicrotask',
      'clearTimeout',
      'clearInterval',
      'clearImmediate',
      'hrtime',
      'performance',
    ],
  });
}
