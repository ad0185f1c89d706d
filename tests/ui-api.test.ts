import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { first } from '../src/server/storage/sql.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`POST /api/v1/call/<method> (${backend.name})`, () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(async () => {
      await api.close();
    });

    const invoke = (secret: string, method: string, args: object) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token: secret, json: args });

    it('meta.taxonomy lists the teams and segments items have used, kept up by the ingest path', async () => {
      await api.aggregator.ingestor.ingest([
        {
          id: 'a',
          text: 'parcel late',
          channel: 'chat',
          team: 'support',
          segment: 'new',
          created_at: '2026-11-18T09:00:00.000Z',
          times_heard: 1,
        },
        {
          id: 'b',
          text: 'bill too high',
          channel: 'phone',
          team: 'billing',
          segment: 'at_risk',
          created_at: '2026-11-18T09:00:00.000Z',
          times_heard: 1,
        },
      ]);
      const { status, text } = await invoke(api.secrets.ana, 'meta.taxonomy', {});
      expect(status).toBe(200);
      expect(JSON.parse(text)).toEqual({
        channels: ['phone', 'email', 'chat', 'sms', 'social', 'other'],
        teams: ['billing', 'support'],
        segments: ['at_risk', 'new'],
      });
    });

    it('refuses unknown methods, roles that may not call, and bad arguments, with JSON errors', async () => {
      expect((await invoke(api.secrets.ana, 'issues.delete', {})).status).toBe(404);
      expect((await invoke(api.secrets.amy, 'issues.rank', {})).status).toBe(403);
      const bad = await invoke(api.secrets.ana, 'issues.rank', { limit: 'ten' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/limit/);
      expect((await invoke(api.secrets.lee, 'team.summary', { team: 'sales' })).status).toBe(403);
    });

    it('items.capture in the browser stores the item as the token holder, redacted', async () => {
      const saved = await invoke(api.secrets.amy, 'items.capture', {
        text: 'call me on 07700 900123, parcel late',
      });
      expect(saved.status).toBe(200);
      const result = JSON.parse(saved.text) as { id: string; synced: boolean; redactions: number };
      expect(result).toMatchObject({ synced: true, redactions: 1 });
      const row = await first(
        api.aggregator.storage,
        sql`SELECT text, agent, team FROM items WHERE id = ${result.id}`,
      );
      expect(row).toEqual({
        text: 'call me on [phone], parcel late',
        agent: 'amy',
        team: 'support',
      });
    });
  });
}
