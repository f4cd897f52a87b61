'use strict';
/**
 * Preloaded into the API by `npm run bench:fraud` (node --require): replaces Date so that the
 * service reads a simulated clock. It starts at BENCH_SIM_START (ms since the epoch) and runs on
 * at real speed from each time the bench sets it over the IPC channel ({ simNow }), so the bench
 * can move a day through in minutes. Never goes back. Timers, sockets and Redis TTLs keep real
 * time; only what the service reads from Date moves.
 */
const RealDate = Date;
let offset = Number(process.env.BENCH_SIM_START) - RealDate.now();

class SimDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = SimDate;

process.on('message', (message) => {
  if (!message || typeof message.simNow !== 'number') return;
  offset = Math.max(offset, message.simNow - RealDate.now());
  process.send({ simNowSet: message.simNow });
});
// The IPC channel must not keep the server alive after SIGTERM.
if (process.channel) process.channel.unref();
