import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** RSS and CPU time of processes, read from /proc (Linux). */

const CLOCK_TICKS = readClockTicks();

export interface CpuAndMemory {
  /** User + system CPU time so far, in ms. */
  cpuMs: number;
  rssKb: number;
  /** The kernel's high-water mark of RSS over the process's life. */
  hwmKb: number;
}

export function readProcess(pid: number): CpuAndMemory | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return {
      cpuMs: (ticks * 1000) / CLOCK_TICKS,
      rssKb: statusField(status, 'VmRSS'),
      hwmKb: statusField(status, 'VmHWM'),
    };
  } catch {
    return undefined;
  }
}

function statusField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

function readClockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}

/**
 * Samples a process's RSS every 100 ms; `window()` starts a measurement window and returns a
 * function that ends it with the peak RSS and the CPU time spent inside it.
 */
export class RssSampler {
  private timer?: NodeJS.Timeout;
  private windowPeakKb = 0;

  constructor(private readonly pid: number) {}

  start(): this {
    this.timer = setInterval(() => this.sample(), 100);
    this.timer.unref();
    return this;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  window(): () => { peakRssKb: number; cpuMs: number; hwmKb: number } {
    const before = readProcess(this.pid);
    this.windowPeakKb = before?.rssKb ?? 0;
    return () => {
      this.sample();
      const after = readProcess(this.pid);
      return {
        peakRssKb: this.windowPeakKb,
        cpuMs: after && before ? after.cpuMs - before.cpuMs : 0,
        hwmKb: after?.hwmKb ?? 0,
      };
    };
  }

  private sample(): void {
    const now = readProcess(this.pid);
    if (now && now.rssKb > this.windowPeakKb) this.windowPeakKb = now.rssKb;
  }
}
