import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncomingItem } from '../src/shared/domain/feedback-item.js';
import { type ApiFixture, call, item, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const FOREIGN = 'id: already used by another item';

/**
 * A push under an id stored for someone else is no oracle: the answer is one fixed refusal
 * whatever the content, with no issue named, so nobody learns by varying fields what another
 * agent's (or another team's) customer said. The holder's own retry stays a duplicate, so
 * exactly-once holds for a desktop pushing again after a crash.
 */
describe.each(backendCases)('a pushed id held by someone else on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const push = async (token: string, items: unknown[]) => {
      const answer = await call(api.url, 'POST', '/api/v1/items', { token, json: { items } });
      expect(answer.status, answer.text).toBe(200);
      return answer;
    };
    const refusedOnly = (id: string) =>
      JSON.stringify({
        accepted: [],
        duplicates: [],
        rejected: [{ id, error: FOREIGN }],
        issues: {},
      });
    const withdraw = async (token: string, itemId: string) => {
      const answer = await call(api.url, 'POST', '/api/v1/items/changes', {
        token,
        json: { changes: [{ id: `w-${itemId}`, item_id: itemId, kind: 'withdraw' }] },
      });
      expect(answer.body.rejected, answer.text).toEqual([]);
    };

    it('answers another agent or team the same whatever the content; the holder as before', async () => {
      const words = 'Mrs Pemberton of Quokka Row: the parcel never came';
      const first = await push(api.secrets.amy, [item('amy-item-1', words)]);
      expect(first.body.accepted).toEqual(['amy-item-1']);
      const salesLead = (await api.tokens.create({ name: 'sal', role: 'lead', team: 'sales' }))
        .secret;

      for (const token of [api.secrets.bo, salesLead]) {
        const same = await push(token, [item('amy-item-1', words)]);
        const other = await push(token, [item('amy-item-1', 'something else entirely')]);
        const otherChannel = await push(token, [item('amy-item-1', words, { channel: 'email' })]);
        for (const answer of [same, other, otherChannel])
          expect(answer.text).toBe(refusedOnly('amy-item-1'));
      }
      const capture = await call(api.url, 'POST', '/api/v1/call/items.capture', {
        token: api.secrets.bo,
        json: { id: 'amy-item-1', text: words },
      });
      expect(capture.status).toBe(400);
      expect(capture.body.error).toBe(FOREIGN);

      // amy's retry (a lost acknowledgement, a crash) is the same item; other words a conflict.
      const retry = await push(api.secrets.amy, [item('amy-item-1', words)]);
      expect(retry.body.duplicates).toEqual(['amy-item-1']);
      expect(JSON.parse(retry.text)).toMatchObject({
        issues: {
          'amy-item-1': (JSON.parse(first.text) as { issues: Record<string, string> }).issues[
            'amy-item-1'
          ],
        },
      });
      const conflict = await push(api.secrets.amy, [item('amy-item-1', 'other words')]);
      expect(conflict.body.rejected).toEqual([
        {
          id: 'amy-item-1',
          error: 'id: conflict: already used for an item with different content',
        },
      ]);
      // Her lead and the analysts read her items anyway: they are answered as before.
      expect((await push(api.secrets.lee, [item('amy-item-1', words)])).body.duplicates).toEqual([
        'amy-item-1',
      ]);
      expect(
        (await push(api.secrets.ana, [item('amy-item-1', 'other words')])).body.rejected,
      ).toEqual([
        {
          id: 'amy-item-1',
          error: 'id: conflict: already used for an item with different content',
        },
      ]);
    });

    it('a namesake in another team is not the holder of an edited or withdrawn item', async () => {
      await push(api.secrets.amy, [item('edited', 'the app logs me out'), item('gone', 'late')]);
      const edit = await call(api.url, 'POST', '/api/v1/call/items.edit', {
        token: api.secrets.amy,
        json: { item_id: 'edited', text: 'the app logs me out every hour' },
      });
      expect(edit.status, edit.text).toBe(200);
      await withdraw(api.secrets.amy, 'gone');
      // amy's own late pushes of both are duplicates: the correction and the withdrawal hold.
      const late = await push(api.secrets.amy, [
        item('edited', 'the app logs me out'),
        item('gone', 'late'),
      ]);
      expect(late.body.duplicates).toEqual(['edited', 'gone']);

      // Her name goes to sales: that amy holds neither item.
      await api.tokens.revoke('amy');
      const salesAmy = (await api.tokens.create({ name: 'amy', role: 'agent', team: 'sales' }))
        .secret;
      expect((await push(salesAmy, [item('edited', 'the app logs me out')])).text).toBe(
        refusedOnly('edited'),
      );
      // An id withdrawn by someone else is answered as an unused one would be.
      const gone = await push(salesAmy, [item('gone', 'the invoice is wrong')]);
      expect(gone.body).toMatchObject({ accepted: ['gone'], duplicates: [], rejected: [] });
      const change = await call(api.url, 'POST', '/api/v1/call/items.edit', {
        token: salesAmy,
        json: { item_id: 'edited', text: 'mine now' },
      });
      expect(change.body.error).toBe('item_id: no such item of yours');
    });

    it('one group commit: a racing push of the same new id by someone else is refused too', async () => {
      const heard = (id: string, text: string, agent: string, team: string): IncomingItem => ({
        id,
        text,
        channel: 'phone',
        times_heard: 1,
        created_at: '2026-11-18T09:00:00.000Z',
        agent,
        team,
      });
      const [amys, bos] = await api.aggregator.ingestor.ingestTogether([
        {
          items: [heard('race', 'the refund never came', 'amy', 'support')],
          owner: { agent: 'amy', team: 'support' },
        },
        {
          items: [heard('race', 'the refund never came', 'bo', 'sales')],
          owner: { agent: 'bo', team: 'sales' },
        },
      ]);
      expect(amys?.accepted).toEqual(['race']);
      expect(bos).toEqual({
        accepted: [],
        duplicates: [],
        rejected: [{ id: 'race', index: 0, error: FOREIGN }],
        issues: {},
      });
    });
  });
});
