import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORE_SCHEMA, load, mergeTag } from 'js-yaml';
import { LOCAL_DEVELOPMENT_ADMIN_KEY } from '../libs/config/src/admin-key';
import { validateServiceEnvironment } from '../apps/api/src/service-environment';

/**
 * The properties of the Dockerfile, docker-compose.yml and .dockerignore that an operator relies
 * on, checked from the files themselves: CI has no Docker engine. The image built and run with a
 * real engine (sizes, stop time, the flow end to end) is recorded in the closing note of issue 16.
 */

const ROOT = join(__dirname, '..');
const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}

/** Dockerfile instructions per stage, continuation lines joined, comments dropped. */
function dockerfileStages(text: string): Instruction[][] {
  const logical = text
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Instruction[][] = [];
  for (const line of logical) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)?.push({ keyword: keyword.toUpperCase(), args });
  }
  return stages;
}

/** `${NAME:-default}`, `${NAME-default}` and `${NAME}` as docker-compose resolves them. */
function interpolate(value: string, shell: Record<string, string>): string {
  return value.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)-([^}]*))?\}/g,
    (_, name: string, colon: string | undefined, fallback: string | undefined) => {
      const set = shell[name];
      if (fallback === undefined) return set ?? '';
      const useFallback = colon ? set === undefined || set === '' : set === undefined;
      return useFallback ? fallback : set;
    },
  );
}

interface ComposeService {
  build?: string;
  command?: string[];
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  environment?: Record<string, string>;
  init?: boolean;
  restart?: string;
  healthcheck?: { test?: string[]; start_period?: string; disable?: boolean };
  stop_grace_period?: string;
}
// Merge keys (`<<: *app-environment`), as docker compose reads them.
const compose = load(read('docker-compose.yml'), {
  schema: CORE_SCHEMA.withTags(mergeTag),
}) as { services: Record<string, ComposeService> };
const api = compose.services.api;
const worker = compose.services.worker;

function environmentOf(
  service: ComposeService,
  shell: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(service.environment ?? {}).map(([name, value]) => [
      name,
      interpolate(String(value), shell),
    ]),
  );
}

const apiEnvironment = (shell: Record<string, string>): Record<string, string> =>
  environmentOf(api, shell);

const seconds = (duration: string | undefined): number => {
  const match = /^(\d+)s$/.exec(duration ?? '');
  if (!match) throw new Error(`not a duration in seconds: ${duration}`);
  return Number(match[1]);
};

describe('The Dockerfile', () => {
  const text = read('Dockerfile');
  const stages = dockerfileStages(text);
  const runtime = stages.at(-1) ?? [];
  const find = (keyword: string) => runtime.filter((i) => i.keyword === keyword);

  it('has no `# syntax=` line (BuildKit would fetch that frontend from a registry)', () => {
    expect(text).not.toMatch(/^\s*#\s*syntax\s*=/im);
  });

  it('runs as the non-root `node` user, with NODE_ENV=production', () => {
    expect(find('USER').map((i) => i.args)).toEqual(['node']);
    expect(find('ENV').map((i) => i.args)).toContain('NODE_ENV=production');
  });

  it('probes /health/ready with a start period that covers the migrations', () => {
    const [healthcheck] = find('HEALTHCHECK');
    expect(healthcheck.args).toMatch(/--start-period=\d+s/);
    expect(healthcheck.args).toContain('/health/ready');
  });

  it('starts the entry script in exec form, not `sh -c` as PID 1', () => {
    const [cmd] = find('CMD');
    expect(JSON.parse(cmd.args)).toEqual(['/app/docker/entrypoint.sh']);
    expect(find('ENTRYPOINT')).toEqual([]);
  });

  it("copies node_modules only from the stage that pruned it to the runtime's needs", () => {
    const copy = find('COPY').find((i) => /\snode_modules\s|\.\/node_modules$/.test(i.args));
    const from = /--from=(\S+)/.exec(copy?.args ?? '')?.[1];
    const stage = stages.find((s) => s[0].args.endsWith(` AS ${from}`));
    expect(stage?.map((i) => i.args).find((args) => args.startsWith('npm ci'))).toMatch(
      /^npm ci --omit=dev --ignore-scripts .*&& node prune-to-runtime\.mjs/,
    );
  });

  it('keeps the built console: the build stage runs `npm run build`, which writes dist/console, and the runtime copies dist', () => {
    const build = stages.find((stage) => stage[0].args.endsWith(' AS build')) ?? [];
    expect(build.filter((i) => i.keyword === 'RUN').map((i) => i.args)).toContain('npm run build');
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.build).toMatch(/&& npm run build:console$/);
    expect(scripts['build:console']).toContain('vite build --config apps/console/vite.config.ts');
    expect(read('apps/console/vite.config.ts')).toContain("outDir: '../../dist/console'");
    expect(find('COPY').map((i) => i.args)).toContain('--from=build /app/dist ./dist');
  });
});

describe('docker/prune-to-runtime.mjs, on this lockfile', () => {
  const lock = JSON.parse(read('package-lock.json')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const plan = JSON.parse(
    execFileSync(process.execPath, [join(ROOT, 'docker/prune-to-runtime.mjs'), '--dry-run'], {
      cwd: ROOT,
      encoding: 'utf8',
    }),
  ) as { keep: string[]; remove: string[] };
  const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };

  it('keeps every dependency of package.json and the native argon2 binary', () => {
    for (const name of Object.keys(pkg.dependencies)) {
      expect(plan.keep).toContain(`node_modules/${name}`);
    }
    expect(plan.keep).toContain('node_modules/@node-rs/argon2-linux-x64-gnu');
  });

  it('removes the Prisma CLI, its engines and TypeScript: exactly what `--omit=dev` leaves of the dev tree', () => {
    expect(plan.remove).toEqual(
      expect.arrayContaining([
        'node_modules/prisma',
        'node_modules/@prisma/engines',
        'node_modules/typescript',
      ]),
    );
    const installedByOmitDev = Object.keys(lock.packages).filter(
      (path) => path !== '' && !lock.packages[path].dev,
    );
    const removedOfThose = installedByOmitDev.filter((path) => plan.remove.includes(path));
    const devOptional = installedByOmitDev.filter((path) => lock.packages[path].devOptional);
    // `devOptional` is a dev package that is also optional somewhere: an optional peer of a
    // runtime package (removed), or a dependency under a runtime package's optional dependency
    // (detect-libc, under msgpackr-extract, is also Vite's) — that one the service may load.
    const keptDevOptional = devOptional.filter((path) => !plan.remove.includes(path));
    const name = (path: string): string => path.slice(path.lastIndexOf('node_modules/') + 13);
    for (const path of keptDevOptional) {
      const dependents = plan.keep.filter((kept) => {
        const entry = lock.packages[kept] as {
          dependencies?: Record<string, string>;
          optionalDependencies?: Record<string, string>;
        };
        return name(path) in { ...entry.dependencies, ...entry.optionalDependencies };
      });
      expect({ path, dependents: dependents.length > 0 }).toEqual({ path, dependents: true });
    }
    expect(removedOfThose.sort()).toEqual(
      devOptional.filter((path) => !keptDevOptional.includes(path)).sort(),
    );
    expect(keptDevOptional.length).toBeLessThan(devOptional.length / 10);
  });
});

describe('docker/entrypoint.sh', () => {
  const script = read('docker/entrypoint.sh');

  it('is an executable POSIX shell script', () => {
    expect(statSync(join(ROOT, 'docker/entrypoint.sh')).mode & 0o111).not.toBe(0);
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(() => execFileSync('sh', ['-n', join(ROOT, 'docker/entrypoint.sh')])).not.toThrow();
  });

  it('forwards SIGTERM and SIGINT to the migrator and then becomes the API by exec', () => {
    expect(script).toMatch(/^trap '.*kill -TERM "\$migrator".*' TERM INT$/m);
    expect(script.trimEnd().split('\n').at(-1)).toBe('exec node dist/apps/api/src/main.js');
  });

  describe('run in a folder whose migrator exits with a given status', () => {
    let folder: string;
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'entrypoint-'));
      mkdirSync(join(folder, 'dist/apps/api/src'), { recursive: true });
    });
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const run = (migratorStatus: number, args: string[]) => {
      writeFileSync(
        join(folder, 'dist/apps/api/src/migrate.js'),
        `console.log('migrated'); process.exit(${migratorStatus});`,
      );
      return spawnSync('sh', [join(ROOT, 'docker/entrypoint.sh'), ...args], {
        cwd: folder,
        encoding: 'utf8',
      });
    };

    it('becomes its arguments, once the migrations are applied', () => {
      const result = run(0, ['sh', '-c', 'echo "worker with $0 $1"', 'a', 'b']);
      expect(result.stdout).toBe('migrated\nworker with a b\n');
      expect(result.status).toBe(0);
    });

    it('starts nothing when the migrations fail, with their status', () => {
      const result = run(3, ['sh', '-c', 'echo started']);
      expect(result.stdout).toBe('migrated\n');
      expect(result.status).toBe(3);
    });
  });
});

describe('docker-compose.yml', () => {
  it('publishes the API on 127.0.0.1 unless BIND says otherwise', () => {
    expect(api.ports).toHaveLength(1);
    const [port] = api.ports ?? [];
    expect(interpolate(port, {})).toBe('127.0.0.1:3000:3000');
    expect(interpolate(port, { BIND: '0.0.0.0', PORT: '8080' })).toBe('0.0.0.0:8080:3000');
  });

  it('restarts every service unless stopped; the API with an init and a stop grace period', () => {
    for (const service of Object.values(compose.services)) {
      expect(service.restart).toBe('unless-stopped');
    }
    expect(api.init).toBe(true);
    // SHUTDOWN_DRAIN_MS defaults to 5 s; the requests in flight need time after it.
    expect(seconds(api.stop_grace_period)).toBeGreaterThan(5);
  });

  it('probes /health/ready with a start period', () => {
    expect(api.healthcheck?.test?.join(' ')).toContain('/health/ready');
    expect(seconds(api.healthcheck?.start_period)).toBeGreaterThan(0);
  });

  it('starts out of the box with the well-known admin key, which production refuses', () => {
    const outOfTheBox = apiEnvironment({});
    expect(outOfTheBox.ADMIN_API_KEY).toBe(LOCAL_DEVELOPMENT_ADMIN_KEY);
    expect(validateServiceEnvironment(outOfTheBox).ADMIN_API_KEY).toBe(LOCAL_DEVELOPMENT_ADMIN_KEY);

    expect(() => validateServiceEnvironment(apiEnvironment({ NODE_ENV: 'production' }))).toThrow(
      /ADMIN_API_KEY is invalid: .*well-known/,
    );
    const own = apiEnvironment({ NODE_ENV: 'production', ADMIN_API_KEY: 'a'.repeat(64) });
    expect(validateServiceEnvironment(own).ADMIN_API_KEY).toBe('a'.repeat(64));
  });

  it('runs the API without the embedded worker, and a worker service from the same image', () => {
    expect(validateServiceEnvironment(apiEnvironment({})).WORKER_EMBEDDED).toBe(false);
    expect(worker.build).toBe(api.build);
    expect(worker.command).toEqual([
      '/app/docker/entrypoint.sh',
      'node',
      'dist/apps/worker/src/main.js',
    ]);
    expect(worker.ports).toBeUndefined();
  });

  it("gives the worker the API's settings; it applies the migrations itself, so it does not wait for the API", () => {
    const workerEnvironment = environmentOf(worker, {});
    const { WORKER_EMBEDDED: _api, ...shared } = apiEnvironment({});
    expect(workerEnvironment).toMatchObject(shared);
    expect(validateServiceEnvironment(workerEnvironment).DATABASE_URL).toBe(shared.DATABASE_URL);
    // Through the entry script (tested above), which runs the migrator before its arguments.
    expect(worker.command?.[0]).toBe('/app/docker/entrypoint.sh');
    // Not on the API: compose stops dependents first, so the two would stop one after the other.
    expect(worker.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });

  it("gives the worker an init, no HTTP probe, and a stop grace period past its jobs' bound", () => {
    expect(worker.init).toBe(true);
    // The image's HEALTHCHECK asks the API's /health/ready: a worker would be unhealthy.
    expect(worker.healthcheck?.disable).toBe(true);
    const { WORKER_STOP_TIMEOUT_MS } = validateServiceEnvironment(environmentOf(worker, {}));
    expect(seconds(worker.stop_grace_period) * 1000).toBeGreaterThan(WORKER_STOP_TIMEOUT_MS);
  });

  it('passes TRUST_PROXY through, off unless set', () => {
    expect(validateServiceEnvironment(apiEnvironment({})).TRUST_PROXY).toBe(false);
    expect(validateServiceEnvironment(apiEnvironment({ TRUST_PROXY: 'true' })).TRUST_PROXY).toBe(
      true,
    );
  });
});

describe('.dockerignore', () => {
  const entries = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

  it('keeps secrets, local state and host builds out of the build context', () => {
    expect(entries).toEqual(
      expect.arrayContaining(['.env', '.env.*', '.tmp', 'node_modules', 'dist', '.git']),
    );
  });
});
