import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Redis from 'ioredis';
import { findFreePort, LOOPBACK } from '../../scripts/local-servers';

const run = promisify(execFile);

const MASTERS = 3;
const NODES = MASTERS * 2;
const READY_TIMEOUT_MS = 30_000;
// The cluster bus listens on the node's port + 10000.
const BUS_PORT_OFFSET = 10_000;
/**
 * How long a master may be silent before its replica takes over: short, so that the failover
 * test's pause stays a few seconds (Redis' default, 15 s, would make it 20).
 */
export const CLUSTER_NODE_TIMEOUT_MS = 1000;

export interface ClusterNodeProcess {
  port: number;
  url: string;
  /** The server is running (not killed). */
  alive: boolean;
}

/**
 * A real local Redis Cluster of 3 masters with a replica each, on loopback ports, in a temp dir
 * deleted on stop(): six `redis-server --cluster-enabled yes` joined by `redis-cli --cluster
 * create --cluster-replicas 1`. Ready once every node reports cluster_state:ok and every
 * replica is in sync with its master.
 */
export interface LocalRedisCluster {
  /** A node's URL, for REDIS_URL (ioredis learns the others from it). */
  url: string;
  nodes: ClusterNodeProcess[];
  /** The port of the master that holds `key`'s slot now. */
  masterPortOf(key: string): Promise<number>;
  /** SIGKILL to that node's server, as a crashed machine. */
  kill(port: number): Promise<void>;
  /** Resolves once the live nodes agree that every slot is served (cluster_state:ok). */
  waitUntilServing(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startRedisCluster(): Promise<LocalRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'smsauth-redis-cluster-'));
  const ports = await freeNodePorts(NODES);
  const children = new Map<number, ChildProcess>();
  const nodes: ClusterNodeProcess[] = ports.map((port) => ({
    port,
    url: `redis://${LOOPBACK}:${port}`,
    alive: true,
  }));
  const killAll = (): void => {
    for (const child of children.values()) if (isRunning(child)) child.kill('SIGKILL');
  };
  process.once('exit', killAll);

  const stop = async (): Promise<void> => {
    process.off('exit', killAll);
    await Promise.all([...children.values()].map((child) => killAndWait(child)));
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (const port of ports) children.set(port, startNode(dir, port));
    await Promise.all(ports.map((port) => waitForPing(port, children.get(port)!, dir)));
    await run(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...ports.map((port) => `${LOOPBACK}:${port}`),
        '--cluster-replicas',
        '1',
        '--cluster-yes',
      ],
      { timeout: READY_TIMEOUT_MS },
    );
    await waitUntil(READY_TIMEOUT_MS, () => clusterReady(ports));
  } catch (error) {
    await stop();
    throw error;
  }

  const waitUntilServing = (timeoutMs = READY_TIMEOUT_MS): Promise<void> =>
    waitUntil(timeoutMs, async () => {
      const live = nodes.filter((node) => node.alive).map((node) => node.port);
      const states = await Promise.all(live.map((port) => clusterInfo(port)));
      return states.every((info) => info.includes('cluster_state:ok'));
    });

  return {
    url: nodes[0].url,
    nodes,
    masterPortOf: async (key) => {
      const live = nodes.find((node) => node.alive)!;
      const client = adminClient(live.port);
      try {
        const slot = (await client.call('CLUSTER', 'KEYSLOT', key)) as number;
        const ranges = (await client.call('CLUSTER', 'SLOTS')) as Array<
          [number, number, [string, number, ...unknown[]], ...unknown[]]
        >;
        const range = ranges.find(([from, to]) => slot >= from && slot <= to);
        if (!range) throw new Error(`No master serves slot ${slot}`);
        return range[2][1];
      } finally {
        client.disconnect();
      }
    },
    kill: async (port) => {
      const child = children.get(port);
      const node = nodes.find((candidate) => candidate.port === port);
      if (!child || !node) throw new Error(`No cluster node on port ${port}`);
      node.alive = false;
      await killAndWait(child);
    },
    waitUntilServing,
    stop,
  };
}

function startNode(dir: string, port: number): ChildProcess {
  const child = spawn(
    'redis-server',
    [
      ...['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no'],
      ...['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`],
      ...['--cluster-node-timeout', String(CLUSTER_NODE_TIMEOUT_MS)],
      ...['--dir', dir, '--logfile', join(dir, `redis-${port}.log`), '--daemonize', 'no'],
    ],
    { stdio: 'ignore' },
  );
  child.unref();
  child.on('error', () => undefined);
  return child;
}

/** Ports whose cluster bus port (+10000) is free too. */
async function freeNodePorts(count: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const port = await findFreePort();
    if (port + BUS_PORT_OFFSET > 65535 || ports.includes(port)) continue;
    if (await portIsFree(port + BUS_PORT_OFFSET)) ports.push(port);
  }
  return ports;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, LOOPBACK, () => server.close(() => resolve(true)));
  });
}

function adminClient(port: number): Redis {
  const client = new Redis({
    host: LOOPBACK,
    port,
    lazyConnect: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 1000,
  });
  client.on('error', () => undefined);
  return client;
}

async function clusterInfo(port: number): Promise<string> {
  const client = adminClient(port);
  try {
    return (await client.call('CLUSTER', 'INFO')) as string;
  } catch {
    return '';
  } finally {
    client.disconnect();
  }
}

/** Every node says cluster_state:ok, and every replica's link to its master is up. */
async function clusterReady(ports: number[]): Promise<boolean> {
  const checks = await Promise.all(
    ports.map(async (port) => {
      const client = adminClient(port);
      try {
        const info = (await client.call('CLUSTER', 'INFO')) as string;
        if (!info.includes('cluster_state:ok')) return false;
        const replication = await client.info('replication');
        return replication.includes('role:master') || replication.includes('master_link_status:up');
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    }),
  );
  if (!checks.every(Boolean)) return false;
  // Each master has its replica (redis-cli assigned them; they join within a moment).
  const client = adminClient(ports[0]);
  try {
    const described = (await client.call('CLUSTER', 'NODES')) as string;
    const replicas = described.split('\n').filter((line) => / slave /.test(line));
    return replicas.length === MASTERS;
  } finally {
    client.disconnect();
  }
}

async function waitForPing(port: number, child: ChildProcess, dir: string): Promise<void> {
  try {
    await waitUntil(READY_TIMEOUT_MS, async () => {
      if (!isRunning(child)) throw new Error(`redis-server on ${port} exited`);
      const client = adminClient(port);
      try {
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      } finally {
        client.disconnect();
      }
    });
  } catch (error) {
    let log = '';
    try {
      log = readFileSync(join(dir, `redis-${port}.log`), 'utf8').slice(-2000);
    } catch {
      // no log yet
    }
    throw new Error(`${String(error)}\n${log}`, { cause: error });
  }
}

async function waitUntil(timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Redis Cluster not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

async function killAndWait(child: ChildProcess): Promise<void> {
  if (!isRunning(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGKILL');
  await exited;
}
