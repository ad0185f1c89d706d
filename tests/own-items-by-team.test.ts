import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MyFeedbackItem } from '../src/shared/api/contract.js';
import { type ApiFixture, call, item, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * "Agents their own items" holds when one name is held, at different times or by a lead's push, in
 * two teams: feedback.mine, the item lookups and edits and withdrawals match an item by its agent
 * name and its team, so nobody of one team reads or changes what another team's customer said.
 */
describe.each(backendCases)('own items by name and team on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const invoke = (token: string, method: string, json: unknown) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token, json });
    const push = async (token: string, items: unknown[]) => {
      const answer = await call(api.url, 'POST', '/api/v1/items', { token, json: { items } });
      expect(answer.status, answer.text).toBe(200);
      return answer;
    };
    const mine = async (token: string) => {
      const answer = await invoke(token, 'feedback.mine', {});
      expect(answer.status, answer.text).toBe(200);
      return JSON.parse(answer.text) as MyFeedbackItem[];
    };

    it('a name given again in another team reads none of the first holder’s items', async () => {
      // amy is a support agent (the fixture's token); she leaves and her name goes to sales.
      await push(api.secrets.amy, [item('amy-old', 'Mrs Pemberton of Quokka Row: parcel late')]);
      await api.tokens.revoke('amy');
      const salesAmy = (await api.tokens.create({ name: 'amy', role: 'agent', team: 'sales' }))
        .secret;

      expect(await mine(salesAmy)).toEqual([]);
      const lookup = await call(api.url, 'POST', '/api/v1/items/issues', {
        token: salesAmy,
        json: { ids: ['amy-old'] },
      });
      expect(lookup.text).toBe('{"issues":{},"issue_details":{}}');
      const edit = await invoke(salesAmy, 'items.edit', { item_id: 'amy-old', text: 'parcel' });
      expect(edit.status).toBe(400);
      expect(edit.body.error).toBe('item_id: no such item of yours');
      const withdraw = await call(api.url, 'POST', '/api/v1/items/changes', {
        token: salesAmy,
        json: { changes: [{ id: 'w-1', item_id: 'amy-old', kind: 'withdraw' }] },
      });
      expect(withdraw.body.rejected).toEqual([
        { id: 'w-1', error: 'item_id: no such item of yours' },
      ]);

      // Her own sales items are hers as before.
      await push(salesAmy, [item('amy-new', 'the invoice total is wrong')]);
      expect((await mine(salesAmy)).map((found) => found.id)).toEqual(['amy-new']);
    });

    it('a lead’s note naming another team’s agent is not that agent’s to read or withdraw', async () => {
      // lee leads support; bo is a sales agent.
      await push(api.secrets.lee, [
        item('lee-note', 'Mr Grimshaw of Wombat Lane: refund not received', { agent: 'bo' }),
      ]);
      expect(await mine(api.secrets.bo)).toEqual([]);
      const withdraw = await invoke(api.secrets.bo, 'items.withdraw', { item_id: 'lee-note' });
      expect(withdraw.status).toBe(400);
      expect(withdraw.body.error).toBe('item_id: no such item of yours');
      // It is the support team's item, as the lead pushed it.
      const lookup = await call(api.url, 'POST', '/api/v1/items/issues', {
        token: api.secrets.lee,
        json: { ids: ['lee-note'] },
      });
      expect(Object.keys((lookup.body as unknown as { issues: object }).issues)).toEqual([
        'lee-note',
      ]);
    });
  });
});
