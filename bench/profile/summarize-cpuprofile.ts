import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof` or `npm run bench -- --profile`): the
 * functions with the most self time, and self time by package (or our own code, or V8/Node).
 *
 *   npx tsx bench/profile/summarize-cpuprofile.ts bench/results/<file>.cpuprofile [--top 25]
 */

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export interface ProfileSummary {
  totalMs: number;
  functions: Array<{ name: string; where: string; selfMs: number; percent: number }>;
  /**
   * Self time by package, with the time spent in Node's core and in native code charged to the
   * nearest package (or our code) that called it: who caused the work.
   */
  packages: Array<{ name: string; selfMs: number; percent: number }>;
}

export function summarize(profile: CpuProfile, top = 25): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  const ownerOf = (id: number): string => {
    for (
      let current: number | undefined = id;
      current !== undefined;
      current = parentOf.get(current)
    ) {
      const { url, functionName } = (byId.get(current) as ProfileNode).callFrame;
      const owner = packageOf(url, functionName);
      if (owner !== 'node: core' && owner !== '(native/V8)') return owner;
    }
    return 'node: core';
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0) || 1;

  const functions = new Map<string, { name: string; where: string; us: number }>();
  const packages = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : '';
    const name = functionName || (url ? '(anonymous)' : '(native)');
    const key = `${name} ${where}`;
    const entry = functions.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    functions.set(key, entry);
    const pkg = ownerOf(id);
    packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  }
  const ms = (us: number) => Math.round(us / 100) / 10;
  const percent = (us: number) => Math.round((us / total) * 1000) / 10;
  return {
    totalMs: ms(total),
    functions: [...functions.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, selfMs: ms(f.us), percent: percent(f.us) })),
    packages: [...packages.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: ms(us), percent: percent(us) })),
  };
}

function shortUrl(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const nodeModules = path.lastIndexOf('/node_modules/');
  if (nodeModules >= 0) return path.slice(nodeModules + '/node_modules/'.length);
  const ours = /\/(dist\/)?(apps|libs|bench)\/.*$/.exec(path);
  return ours ? ours[0].slice(1) : path;
}

function packageOf(url: string, name: string): string {
  if (!url) {
    return ['(garbage collector)', '(idle)', '(program)'].includes(name) ? name : '(native/V8)';
  }
  const bundled = /^node:internal\/deps\/([^/]+)/.exec(url);
  if (bundled) return `${bundled[1]} (in node)`;
  if (url.startsWith('node:')) return 'node: core';
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) return match[1];
  const ours = /\/((?:apps|libs)\/.*?)(\.js|\.ts)?$/.exec(url);
  if (ours) return `ours: ${ours[1].replace(/\/src\//, '/')}`;
  return '(other)';
}

function main(): void {
  const files: string[] = [];
  let top = 25;
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--top') top = Number(args[++i]);
    else files.push(args[i]);
  }
  for (const file of files) {
    const summary = summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top);
    process.stdout.write(`\n${basename(file)}: ${summary.totalMs} ms sampled\n`);
    process.stdout.write('  self ms     %   function\n');
    for (const f of summary.functions) {
      process.stdout.write(
        `  ${String(f.selfMs).padStart(7)} ${String(f.percent).padStart(5)}   ${f.name}  ${f.where}\n`,
      );
    }
    process.stdout.write('  by package:\n');
    for (const p of summary.packages) {
      process.stdout.write(
        `  ${String(p.selfMs).padStart(7)} ${String(p.percent).padStart(5)}   ${p.name}\n`,
      );
    }
  }
}

if (require.main === module) main();
