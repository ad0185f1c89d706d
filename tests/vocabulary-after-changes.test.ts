import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssueSnapshot } from '../src/shared/domain/issue.js';
import { type ApiFixture, call, item, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * A word counts as shared (fit for a title, a synced term, a suggestion match) while two items
 * hold it. An agent who edits a customer's surname out of a note, or withdraws the note, leaves one
 * item fewer holding it: the next customer to say it must not find it in a title every token reads.
 */
describe.each(backendCases)('the vocabulary follows edits and withdrawals on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const SURNAME = 'Zanzibarova';
    const invoke = async (token: string, method: string, json: unknown) => {
      const answer = await call(api.url, 'POST', `/api/v1/call/${method}`, { token, json });
      expect(answer.status, answer.text).toBe(200);
      return JSON.parse(answer.text) as unknown;
    };
    const push = async (token: string, items: unknown[]) => {
      const answer = await call(api.url, 'POST', '/api/v1/items', { token, json: { items } });
      expect(answer.status, answer.text).toBe(200);
    };
    /** Everything an agent of another team can read about issues: titles and terms. */
    const seenByOtherTeam = async () => {
      const pulled = await call(api.url, 'GET', '/api/v1/sync/issues', { token: api.secrets.bo });
      const snapshots = (pulled.body as unknown as { issues: IssueSnapshot[] }).issues;
      const suggested = await invoke(api.secrets.bo, 'issues.suggest', { text: SURNAME });
      return JSON.stringify({ snapshots, suggested }).toLowerCase();
    };

    it.each([
      [
        'edited out of',
        { item_id: 'amy-1', text: 'customer wants a refund for the broken kettle' },
      ],
      ['withdrawn with', { item_id: 'amy-1' }],
    ] as const)('a surname %s the note that held it stays one customer’s', async (_, change) => {
      await push(api.secrets.amy, [
        item('amy-1', `Mrs ${SURNAME} wants a refund for the broken kettle`),
      ]);
      await invoke(api.secrets.amy, 'text' in change ? 'items.edit' : 'items.withdraw', change);
      // Another customer of that name, heard by sales: the one item now holding the word.
      await push(api.secrets.bo, [item('bo-1', `${SURNAME} phoned about her mortgage statement`)]);

      expect(await seenByOtherTeam()).not.toContain(SURNAME.toLowerCase());
    });

    it('a title made while two items shared a word loses it when one of them no longer holds it', async () => {
      await push(api.secrets.amy, [
        item('amy-1', `Mrs ${SURNAME} wants a refund for the broken kettle`),
      ]);
      await push(api.secrets.bo, [item('bo-1', `${SURNAME} phoned about her mortgage statement`)]);
      // Two items held it: the rule let it name sales' issue.
      expect(await seenByOtherTeam()).toContain(SURNAME.toLowerCase());

      await invoke(api.secrets.amy, 'items.edit', {
        item_id: 'amy-1',
        text: 'customer wants a refund for the broken kettle',
      });
      const pulled = await call(api.url, 'GET', '/api/v1/sync/issues', { token: api.secrets.amy });
      const titles = (pulled.body as unknown as { issues: IssueSnapshot[] }).issues.map(
        (issue) => issue.title,
      );
      expect(titles.join(' ').toLowerCase()).not.toContain(SURNAME.toLowerCase());
      // At once, not after the next push: neither a synced term nor a suggestion match holds it.
      expect(await seenByOtherTeam()).not.toContain(SURNAME.toLowerCase());
    });
  });
});
