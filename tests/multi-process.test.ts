/**
 * Several aggregator processes on one database, as behind a load balancer: agents push
 * overlapping batches to all of them at once, and re-send batches to another process (a retry
 * after a lost acknowledgement). Afterwards every item is stored exactly once, the counts add up,
 * and the issues are the ones a single process gives for the same items.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { runWocas } from './support/built-cli.js';
import { type Served, startServe } from './support/served.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

const PROCESSES = 3;
const AGENTS = 6;
const TOPICS = 24;
const PER_TOPIC = 20;

/**
 * Topics share no words, so which issue an item joins cannot depend on arrival order: any
 * difference from a single process would be a race (two processes each opening an issue for the
 * same complaint), not an order effect. Every topic's first verbatim arrives at every process in
 * the same instant.
 */
function topicText(topic: number, variant: number): string {
  const [a, b, c] = TOPIC_WORDS.slice(topic * 3, topic * 3 + 3);
  return [`${a} ${b} ${c}`, `${a} ${b}`, `${b} ${c}`, `${c} ${a}`][variant % 4] as string;
}

// 72 distinct words, three per topic.
const TOPIC_WORDS =
  `voucher modem invoice parcel roaming pin refund login router bill courier passport
  sim tariff contract upgrade antenna voicemail broadband fibre landline handset charger battery
  screen keyboard speaker headset tablet watch printer scanner camera lens tripod drone
  kettle toaster fridge freezer oven hob blender mixer vacuum iron heater boiler
  radiator thermostat shower faucet window door lock alarm sensor doorbell lamp bulb
  socket plug cable adapter remote console controller joystick monitor projector mouse webcam`
    .split(/\s+/)
    .filter(Boolean);

interface Item {
  id: string;
  text: string;
  channel: string;
  agent: string;
  times_heard: number;
  created_at: string;
}

function makeItems(): Item[] {
  const items: Item[] = [];
  // Round-robin over topics: each topic's first item is in the first round, pushed everywhere at once.
  for (let n = 0; n < PER_TOPIC; n++) {
    for (let topic = 0; topic < TOPICS; topic++) {
      const i = items.length;
      items.push({
        id: `mp-${topic}-${n}`,
        text: topicText(topic, n),
        channel: 'chat',
        agent: `agent-${i % AGENTS}`,
        times_heard: 1 + (i % 3),
        created_at: new Date(Date.UTC(2026, 10, 20, 9, 0, i)).toISOString(),
      });
    }
  }
  return items;
}

async function push(
  server: Served,
  token: string,
  items: readonly Item[],
): Promise<{ accepted: string[]; duplicates: string[] }> {
  const response = await fetch(`${server.url}/api/v1/items`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { accepted: string[]; duplicates: string[] };
}

/** Items grouped by the issue each landed in, as a set of sorted id lists: comparable across runs. */
function partition(ranked: RankedIssues): string[] {
  return ranked.issues.map((issue) => [...(issue.item_ids ?? [])].sort().join(',')).sort();
}

describe.each(backendCases)(
  'several aggregator processes on one $name database',
  ({ name, skip, fresh }) => {
    let shared: TestStorage;
    let single: TestStorage;
    const servers: Served[] = [];
    const tokens: string[] = [];
    const items = makeItems();
    const pushed = { accepted: 0, duplicates: 0 };

    beforeAll(async () => {
      if (skip) return;
      [shared, single] = [await fresh(), await fresh()];
      for (let a = 0; a < AGENTS; a++) {
        const created = runWocas(
          ['token', 'create', ...shared.cliFlags, '--name', `agent-${a}`, '--role', 'agent'],
          process.cwd(),
        );
        expect(created.stderr).toBe('');
        tokens.push(created.stdout.trim());
      }
      servers.push(
        ...(await Promise.all(
          Array.from({ length: PROCESSES }, () => startServe(shared.cliFlags, process.cwd())),
        )),
      );
    }, 60_000);

    afterAll(async () => {
      for (const server of servers) server.child.kill('SIGTERM');
      await Promise.all(servers.map((server) => server.exited));
      await shared?.drop();
      await single?.drop();
    });

    it.skipIf(skip)(
      `stores every item once and groups as one process would (${name})`,
      async () => {
        // The first round (each topic's first verbatim) goes to every process at the same moment.
        const firstRound = items.slice(0, TOPICS);
        const byAgent = (list: readonly Item[], agent: number) =>
          list.filter((item) => item.agent === `agent-${agent}`);
        const firstOutcomes = await Promise.all(
          servers.flatMap((server) =>
            Array.from({ length: AGENTS }, (_, a) =>
              push(server, tokens[a] as string, byAgent(firstRound, a)),
            ),
          ),
        );
        // Then the rest in batches of 12 per agent, each to one process and again to the next one.
        const rest = items.slice(TOPICS);
        const work: Promise<{ accepted: string[]; duplicates: string[] }>[] = [];
        for (let a = 0; a < AGENTS; a++) {
          const mine = byAgent(rest, a);
          for (let start = 0, b = 0; start < mine.length; start += 12, b++) {
            const batch = mine.slice(start, start + 12);
            work.push(push(servers[(a + b) % PROCESSES] as Served, tokens[a] as string, batch));
            work.push(push(servers[(a + b + 1) % PROCESSES] as Served, tokens[a] as string, batch));
          }
        }
        for (const outcome of [...firstOutcomes, ...(await Promise.all(work))]) {
          pushed.accepted += outcome.accepted.length;
          pushed.duplicates += outcome.duplicates.length;
        }
        expect(pushed.accepted).toBe(items.length);
        expect(pushed.duplicates).toBe((PROCESSES - 1) * TOPICS + rest.length);

        const result = runWocas(
          ['issues', ...shared.cliFlags, '--json', '--with-items'],
          process.cwd(),
        );
        const ranked = JSON.parse(result.stdout) as RankedIssues;
        const stored = ranked.issues.flatMap((issue) => issue.item_ids ?? []);
        expect(stored.length).toBe(items.length);
        expect(new Set(stored).size).toBe(items.length);
        expect(ranked.issues.reduce((sum, issue) => sum + issue.mentions, 0)).toBe(items.length);
        expect(ranked.issues.reduce((sum, issue) => sum + issue.times_heard, 0)).toBe(
          items.reduce((sum, item) => sum + item.times_heard, 0),
        );
        expect(ranked.issues).toHaveLength(TOPICS);

        // One process, the same items in order.
        const file = `${JSON.stringify({ items })}`;
        const oneProcess = await startServe(single.cliFlags, process.cwd());
        try {
          const token = runWocas(
            ['token', 'create', ...single.cliFlags, '--name', 'importer', '--role', 'admin'],
            process.cwd(),
          ).stdout.trim();
          const response = await fetch(`${oneProcess.url}/api/v1/items`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: file,
          });
          expect(response.status).toBe(200);
        } finally {
          oneProcess.child.kill('SIGTERM');
          await oneProcess.exited;
        }
        const alone = JSON.parse(
          runWocas(['issues', ...single.cliFlags, '--json', '--with-items'], process.cwd()).stdout,
        ) as RankedIssues;
        expect(partition(ranked)).toEqual(partition(alone));
      },
      120_000,
    );
  },
);
