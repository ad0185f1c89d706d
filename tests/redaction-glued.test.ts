import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../src/server/storage/sql.js';
import { type ApiFixture, call, item, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * Personal details typed back to back ("07700900123+44 7700 900123", an e-mail address followed
 * by ".13800138000") are each redacted on the first pass, on both backends: none reaches the
 * disk, and a push retried after a lost answer is a duplicate, not a conflict.
 */
describe.each(backendCases)('glued personal details on $name', (backend) => {
  describe.skipIf(backend.skip)('pushed over HTTP', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const texts = {
      'glued-1': 'call 07700900123+44 7700 900123 about the refund',
      'glued-2': 'the card 4111111111111111+(415) 555-2671 was charged twice',
      'glued-3': 'mail wang@qq.com.13800138000 says the parcel is lost',
      'glued-4': 'refund to a@b.co_wang@qq.com please',
    };
    const push = () =>
      call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.amy,
        json: {
          items: Object.entries(texts).map(([id, text]) => item(id, text, { root_cause: text })),
        },
      });

    it('stores none of them and answers the retry as duplicates', async () => {
      const first = await push();
      expect(first.status, first.text).toBe(200);
      expect(first.body.accepted).toHaveLength(4);

      const stored = await rows(
        api.aggregator.storage,
        sql<{ text: string; root_cause: string }>`SELECT text, root_cause FROM items ORDER BY id`,
      );
      for (const row of stored)
        for (const field of [row.text, row.root_cause])
          for (const secret of ['7700 900123', '555-2671', 'wang@qq', 'a@b.co', '13800138000'])
            expect(field).not.toContain(secret);

      const retry = await push();
      expect(retry.status, retry.text).toBe(200);
      expect(retry.body.rejected).toEqual([]);
      expect(retry.body.duplicates.sort()).toEqual(Object.keys(texts).sort());
    });
  });
});
