import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureResult, ItemChangeResult } from '../src/shared/api/contract.js';
import { rows } from '../src/server/storage/sql.js';
import { type ApiFixture, call, item, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * An agent corrects or withdraws their own item, by the call methods (the browser) and by
 * POST /api/v1/items/changes (the desktop's outbox), on both backends: counts follow, the edited
 * text is stored cleaned and redacted, every retry is harmless, and nobody else may do it.
 */
describe.each(backendCases)('item edits and withdrawals on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const invoke = (token: string, method: string, json: unknown) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token, json });
    const ok = async <T>(token: string, method: string, json: unknown): Promise<T> => {
      const answer = await invoke(token, method, json);
      expect(answer.status, answer.text).toBe(200);
      return JSON.parse(answer.text) as T;
    };
    const capture = (text: string, extra: Record<string, unknown> = {}) =>
      ok<CaptureResult>(api.secrets.amy, 'items.capture', { text, ...extra });
    const pushChanges = (token: string, changes: unknown[]) =>
      call(api.url, 'POST', '/api/v1/items/changes', { token, json: { changes } });
    const issue = async (id: string) => {
      const ranked = await call(api.url, 'GET', '/api/v1/issues', { token: api.secrets.ana });
      return ranked.body.issues.find((candidate) => candidate.id === id);
    };
    const storedText = async (id: string) =>
      (
        await rows(
          api.aggregator.storage,
          sql<{
            text: string;
            redactions: number;
          }>`SELECT text, redactions FROM items WHERE id = ${id}`,
        )
      )[0];

    it('a withdrawn item leaves the counts, and neither a retry nor a late push brings it back', async () => {
      const first = await capture('the parcel arrived late again', { times_heard: 3 });
      const second = await capture('the parcel arrived late, the courier never rang', {
        issue_id: first.issue_id as string,
      });
      const issueId = first.issue_id as string;
      expect((await issue(issueId))?.mentions).toBe(2);
      expect((await issue(issueId))?.times_heard).toBe(4);

      const withdrawn = await ok<ItemChangeResult>(api.secrets.amy, 'items.withdraw', {
        item_id: first.id,
        id: 'withdraw-first-1',
      });
      expect(withdrawn).toEqual({
        item_id: first.id,
        id: 'withdraw-first-1',
        synced: true,
        text: null,
        redactions: 0,
      });
      expect(await storedIds(api)).toEqual([second.id]);
      expect((await issue(issueId))?.mentions).toBe(1);
      expect((await issue(issueId))?.times_heard).toBe(1);

      // The same change again (a lost answer), and the capture pushed again (a desktop's retry).
      await ok(api.secrets.amy, 'items.withdraw', { item_id: first.id, id: 'withdraw-first-1' });
      const again = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.amy,
        json: {
          items: [item(first.id, 'the parcel arrived late again', { times_heard: 3 })],
        },
      });
      expect(again.body.duplicates).toEqual([first.id]);
      expect(await storedIds(api)).toEqual([second.id]);
      expect((await issue(issueId))?.times_heard).toBe(1);
      const mine = await ok<{ id: string }[]>(api.secrets.amy, 'feedback.mine', {});
      expect(mine.map((entry) => entry.id)).toEqual([second.id]);

      // The last item gone, the issue leaves the ranking.
      await ok(api.secrets.amy, 'items.withdraw', { item_id: second.id });
      expect(await issue(issueId)).toBeUndefined();
    });

    it('an edited text is cleaned and redacted before it is stored; a retried capture keeps the correction', async () => {
      const saved = await capture('the router keeps dropping');
      const edited = await ok<ItemChangeResult>(api.secrets.amy, 'items.edit', {
        item_id: saved.id,
        id: 'edit-router-1',
        text: '  the router drops every night \u001b[31m, call me on +44 7700 900123\u200b ',
      });
      expect(edited.text).not.toContain('7700');
      expect(edited.text).toMatch(/^the router drops every night , call me on \[[^\]]+\]$/);
      expect(edited.redactions).toBe(1);
      expect(await storedText(saved.id)).toMatchObject({ text: edited.text });

      // The capture pushed again with its first words is the same item, not a conflict.
      const retried = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.amy,
        json: { items: [item(saved.id, 'the router keeps dropping')] },
      });
      expect(retried.body.duplicates).toEqual([saved.id]);
      expect(retried.body.rejected).toEqual([]);
      // Only for amy: another agent's push under that id is refused, saying nothing of amy's item.
      const reused = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.bo,
        json: { items: [item(saved.id, 'the router keeps dropping')] },
      });
      expect(reused.body.rejected.map((r) => r.error)).toEqual([
        'id: already used by another item',
      ]);
      const repeat = await pushChanges(api.secrets.amy, [
        { id: 'edit-router-1', item_id: saved.id, kind: 'edit', text: 'something else' },
      ]);
      expect(repeat.text).toBe(
        JSON.stringify({ applied: [], duplicates: ['edit-router-1'], rejected: [] }),
      );
      expect((await storedText(saved.id))?.text).toBe(edited.text);
    });

    it('only the item’s own agent may change it; bad input is a clear 400 and fails nobody else', async () => {
      const saved = await capture('the app logs me out');
      const byBo = await invoke(api.secrets.bo, 'items.edit', {
        item_id: saved.id,
        text: 'mine now',
      });
      expect(byBo.status).toBe(400);
      expect(byBo.body.error).toBe('item_id: no such item of yours');
      for (const holder of ['lee', 'ana', 'root'] as const) {
        const refused = await invoke(api.secrets[holder], 'items.withdraw', { item_id: saved.id });
        expect(refused.status, holder).toBe(403);
        expect((await pushChanges(api.secrets[holder], [])).status, holder).toBe(403);
      }
      const empty = await invoke(api.secrets.amy, 'items.edit', {
        item_id: saved.id,
        text: ' \u200b ',
      });
      expect(empty.status).toBe(400);
      expect(empty.body.error).toBe('invalid arguments: text: is empty');
      expect((await pushChanges(api.secrets.amy, 'nope' as unknown as unknown[])).status).toBe(400);

      const batch = await pushChanges(api.secrets.amy, [
        { id: 'bad-1', item_id: saved.id, kind: 'edit', text: '' },
        { id: 'bad-2', item_id: saved.id, kind: 'rename' },
        { id: 'not-yours-1', item_id: 'someone-elses', kind: 'edit', text: 'x' },
        { id: 'good-edit-1', item_id: saved.id, kind: 'edit', text: 'the app logs me out hourly' },
      ]);
      expect(batch.status).toBe(200);
      const answer = JSON.parse(batch.text) as {
        applied: string[];
        rejected: { id: string; error: string }[];
      };
      expect(answer.applied).toEqual(['good-edit-1']);
      expect(answer.rejected.map((r) => r.id)).toEqual(['bad-1', 'bad-2', 'not-yours-1']);
      expect(answer.rejected[0]?.error).toBe('text: is empty');
      expect((await storedText(saved.id))?.text).toBe('the app logs me out hourly');
      // A change id reused for another change is refused, not taken as a retry.
      const reused = await pushChanges(api.secrets.amy, [
        { id: 'good-edit-1', item_id: saved.id, kind: 'withdraw' },
      ]);
      expect(reused.body.rejected).toEqual([
        { id: 'good-edit-1', error: 'id: conflict: already used for another change' },
      ]);
      expect(await storedIds(api)).toEqual([saved.id]);
    });

    it('a withdrawal that arrives before its item keeps that item out (an undo racing its push)', async () => {
      const early = await pushChanges(api.secrets.amy, [
        { id: 'undo-early-1', item_id: 'desk-item-1', kind: 'withdraw' },
      ]);
      expect((JSON.parse(early.text) as { applied: string[] }).applied).toEqual(['undo-early-1']);
      const late = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.amy,
        json: { items: [item('desk-item-1', 'billing charged me twice')] },
      });
      expect(late.body.duplicates).toEqual(['desk-item-1']);
      expect(await storedIds(api)).toEqual([]);
      // Another agent's item under that id is not held back by amy's tombstone.
      const other = await call(api.url, 'POST', '/api/v1/items', {
        token: api.secrets.bo,
        json: { items: [item('desk-item-1', 'billing charged me twice')] },
      });
      expect(other.body.accepted).toEqual(['desk-item-1']);
      const edit = await invoke(api.secrets.amy, 'items.edit', {
        item_id: 'desk-item-1',
        text: 'charged twice',
      });
      expect(edit.body.error).toBe('item_id: no such item of yours');
    });
  });
});
