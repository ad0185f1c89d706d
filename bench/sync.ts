/**
 * Sync throughput and latency: 50 simulated agents push 100-item batches concurrently to a real
 * `wocas serve` process on loopback. Two runs: paced (the agents together offer `--rate` items/s,
 * 10% over the 5,000 items/s target by default), then flat out (each agent pushes again as soon as
 * it is answered).
 *
 * With --database-url the aggregator runs on PostgreSQL, and with --processes N as N `wocas serve`
 * processes on the one database (agents spread over them, as behind a load balancer).
 *
 *   npm run bench:sync [-- --agents 50 --batch 100 --seconds 10 --rate 5500 --database-url postgres://… --processes 2]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyPostgresDatabase } from './empty-postgres.js';
import { generateItems } from './generate-items.js';
import { WOCAS_BIN, startServeProcess } from './serve-process.js';

const { values } = parseArgs({
  options: {
    agents: { type: 'string', default: '50' },
    batch: { type: 'string', default: '100' },
    seconds: { type: 'string', default: '10' },
    rate: { type: 'string', default: '5500' },
    'database-url': { type: 'string' },
    processes: { type: 'string', default: '1' },
  },
});
const agents = Number(values.agents);
const batchSize = Number(values.batch);
const seconds = Number(values.seconds);
const rate = Number(values.rate);
/** Paced: each agent pushes one batch every this many ms, the agents spread evenly over it. */
const intervalMs = ((agents * batchSize) / rate) * 1000;
const dir = mkdtempSync(join(tmpdir(), 'wocas-bench-sync-'));
const databaseUrl = values['database-url'];
const storageFlags =
  databaseUrl === undefined ? ['--db', join(dir, 'wocas.db')] : ['--database-url', databaseUrl];
const processes = Number(values.processes);

function wocas(args: string[]): string {
  return execFileSync(process.execPath, [WOCAS_BIN, ...args, ...storageFlags], {
    encoding: 'utf8',
  }).trim();
}

interface Run {
  accepted: number;
  latencies: number[];
  ms: number;
  failures: number;
}

async function run(
  urls: readonly string[],
  tokens: string[],
  paced: boolean,
  seed: number,
): Promise<Run> {
  const result: Run = { accepted: 0, latencies: [], ms: 0, failures: 0 };
  // Generated before the clock starts: the client must not eat the server's CPU while measured.
  const perAgent = paced
    ? Math.ceil((seconds * 1000) / intervalMs + 1) * batchSize
    : Math.ceil((40_000 * seconds) / tokens.length);
  const pools = tokens.map((_, agent) => generateItems(perAgent, seed * 1000 + agent));
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    tokens.map(async (token, agent) => {
      const items = pools[agent] as ReturnType<typeof generateItems>;
      let next = 0;
      for (let round = 0; performance.now() < deadline && next < items.length; round++) {
        if (paced) {
          // An open loop: batches go out on schedule, whatever the answers take.
          const due = started + round * intervalMs + (agent * intervalMs) / tokens.length;
          if (due > performance.now())
            await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
          if (performance.now() >= deadline) break;
        }
        const batch = items
          .slice(next, next + batchSize)
          .map((item) => ({ ...item, agent: `agent-${agent}` }));
        next += batchSize;
        const t = performance.now();
        const response = await fetch(`${urls[agent % urls.length] as string}/api/v1/items`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items: batch }),
        });
        const body = (await response.json()) as { accepted?: string[] };
        result.latencies.push(performance.now() - t);
        if (response.ok) result.accepted += body.accepted?.length ?? 0;
        else result.failures += 1;
      }
    }),
  );
  result.ms = performance.now() - started;
  return result;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(label: string, r: Run): void {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${Math.round((r.accepted / r.ms) * 1000)
      .toLocaleString('en')
      .padStart(7)} items/s accepted` +
      `   p50 ${percentile(sorted, 50).toFixed(1)} ms   p99 ${percentile(sorted, 99).toFixed(1)} ms` +
      `   (${r.latencies.length} pushes, ${r.failures} failed)`,
  );
}

try {
  // A scratch database: the runs push generated items, which a second run would find stored.
  if (databaseUrl !== undefined) await emptyPostgresDatabase(databaseUrl);
  const tokens = Array.from({ length: agents }, (_, i) =>
    wocas(['token', 'create', '--name', `agent-${i}`, '--role', 'agent']),
  );
  const servers = await Promise.all(
    Array.from({ length: processes }, () => startServeProcess(storageFlags)),
  );
  const urls = servers.map((server) => server.url);
  try {
    const backend = databaseUrl === undefined ? 'SQLite, synchronous=FULL' : 'PostgreSQL';
    console.log(
      `${agents} agents, ${batchSize}-item batches, ${seconds} s per run, ${processes} wocas serve process(es) on loopback (${backend})`,
    );
    report(
      `paced (${rate.toLocaleString('en')} items/s offered)`,
      await run(urls, tokens, true, 1),
    );
    report('flat out (closed loop)', await run(urls, tokens, false, 2));
  } finally {
    for (const server of servers) server.child.kill('SIGTERM');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
