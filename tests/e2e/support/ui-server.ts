import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Aggregator, openAggregator } from '../../../src/server/aggregator.js';
import { createServer } from '../../../src/server/http/create-server.js';
import { listeningUrl } from '../../../src/server/http/server-lifecycle.js';
import { importFile } from '../../../src/server/ingest/import-file.js';
import { TokensRepo } from '../../../src/server/tokens/tokens-repo.js';

export interface UiServer {
  url: string;
  aggregator: Aggregator;
  /** A sign-in link per role: `URL/#token=…`. */
  links: { agent: string; agent2: string; lead: string; analyst: string; admin: string };
  close(): Promise<void>;
}

/**
 * A real aggregator on loopback serving the built UI (global setup builds dist/renderer), over a
 * fresh SQLite file, optionally filled from a feedback file through the import path.
 */
export async function startUiServer(seedFile?: string): Promise<UiServer> {
  const dir = mkdtempSync(join(tmpdir(), 'wocas-e2e-'));
  let aggregator: Aggregator | undefined;
  let app: FastifyInstance | undefined;
  const close = async () => {
    try {
      await app?.close();
      await aggregator?.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  try {
    aggregator = await openAggregator({ db: join(dir, 'wocas.db') });
    if (seedFile) await importFile(aggregator.ingestor, seedFile);
    const tokens = new TokensRepo(aggregator.storage, aggregator.clock);
    app = createServer({ aggregator, logger: () => undefined });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const url = listeningUrl(app);
    const link = async (name: string, role: string, team?: string) =>
      `${url}/#token=${(await tokens.create({ name, role, team })).secret}`;
    return {
      url,
      aggregator,
      links: {
        agent: await link('amy', 'agent', 'support'),
        agent2: await link('bo', 'agent', 'support'),
        lead: await link('lee', 'lead', 'support'),
        analyst: await link('ana', 'analyst'),
        admin: await link('root', 'admin'),
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
