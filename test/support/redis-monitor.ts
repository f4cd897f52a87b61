import { connect, Socket } from 'node:net';

/**
 * MONITOR over a plain socket: each line is `+<time> [<db> <source>] "<COMMAND>" ...`, where the
 * source is `lua` for calls made inside a script. (ioredis' monitor() can misread the first
 * lines when traffic is already flowing.)
 */
export async function startMonitor(
  redisUrl: string,
  onCommand: (source: string, command: string, line: string) => void,
): Promise<Socket> {
  const { hostname, port } = new URL(redisUrl);
  const socket = connect({ host: hostname, port: Number(port || 6379) });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.once('connect', () => resolve());
  });
  let pending = '';
  let ready!: () => void;
  const started = new Promise<void>((resolve) => (ready = resolve));
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\r\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === '+OK') ready();
      const match = /^\+[\d.]+ \[\d+ ([^\]]+)\] "([^"]*)"/.exec(line);
      if (match) onCommand(match[1], match[2].toLowerCase(), line);
    }
  });
  socket.write('MONITOR\r\n');
  await started;
  return socket;
}
