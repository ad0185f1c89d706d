import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Suggestion } from '../src/shared/api/contract.js';
import { type ApiFixture, call, startApi } from './support/http-fixture.js';

/**
 * `issues.suggest` is asked with what an agent is typing. The aggregator redacts it before using
 * it, by the rule the UI applies before sending (`suggestionQuery`), so a client that sends a
 * customer's e-mail address gets nothing matched on it: these addresses are made of an issue's
 * own words, which would match if they were read as words.
 */
describe('issues.suggest on the aggregator redacts what it is asked with', () => {
  let api: ApiFixture;
  let issueId: string;
  beforeAll(async () => {
    api = await startApi();
    const texts = [
      'parcel lost at the courier depot',
      'courier depot lost my parcel',
      'the parcel was lost by the courier at the depot',
      'parcel lost courier depot again',
    ];
    const outcome = await api.aggregator.ingestor.ingest(
      texts.map((text, i) => ({
        id: `lost-${i}`,
        text,
        channel: 'phone',
        team: 'support',
        agent: 'amy',
        created_at: '2026-11-18T09:00:00.000Z',
        times_heard: 1,
      })),
    );
    issueId = outcome.issues['lost-0'] as string;
    expect(new Set(Object.values(outcome.issues))).toEqual(new Set([issueId]));
  });
  afterAll(async () => {
    await api.close();
  });

  const suggest = async (secret: string, text: string) => {
    const { status, text: body } = await call(api.url, 'POST', '/api/v1/call/issues.suggest', {
      token: secret,
      json: { text },
    });
    expect(status).toBe(200);
    return (JSON.parse(body) as Suggestion[]).map((suggestion) => suggestion.id);
  };

  it('suggests the issue for its words, for an agent and an analyst alike', async () => {
    expect(await suggest(api.secrets.amy, 'my parcel got lost at the courier depot')).toEqual([
      issueId,
    ]);
    expect(await suggest(api.secrets.ana, 'my parcel got lost at the courier depot')).toEqual([
      issueId,
    ]);
  });

  it.each([
    'parcel.lost@courier-depot.com',
    'ｐａｒｃｅｌ．ｌｏｓｔ＠ｃｏｕｒｉｅｒ－ｄｅｐｏｔ．ｃｏｍ',
    '邮箱parcel.lost@courier-depot.com',
    'parcel.lost.courier@depot',
  ])('matches nothing on an e-mail address made of those words: %s', async (address) => {
    for (const secret of [api.secrets.amy, api.secrets.ana]) {
      expect(await suggest(secret, address)).toEqual([]);
    }
  });

  it('logs nothing of what was typed', async () => {
    await suggest(api.secrets.amy, 'parcel lost, call 13800138000 or parcel.lost@courier.com');
    const logged = JSON.stringify(api.logs);
    expect(logged).not.toMatch(/13800138000|parcel\.lost|courier/);
  });
});
