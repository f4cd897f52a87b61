'use strict';
// Preloaded (--require) into the API and the floor by `npm run bench -- --profile`.
// The first SIGWINCH starts V8's CPU profiler, the next writes
// $BENCH_CPU_PROFILE_DIR/$BENCH_CPU_PROFILE_LABEL-<n>.cpuprofile, so each measured
// window gets its own profile (the same profiler and format as `node --cpu-prof`).
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const label = process.env.BENCH_CPU_PROFILE_LABEL || 'process';
const session = new inspector.Session();
session.connect();
let running = false;
let written = 0;

process.on('SIGWINCH', () => {
  if (!running) {
    running = true;
    session.post('Profiler.enable', () =>
      session.post('Profiler.setSamplingInterval', { interval: 200 }, () =>
        session.post('Profiler.start'),
      ),
    );
    return;
  }
  running = false;
  session.post('Profiler.stop', (error, result) => {
    if (error || !dir) return;
    const file = path.join(dir, `${label}-${++written}.cpuprofile`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(result.profile));
    fs.renameSync(`${file}.tmp`, file);
  });
});
