import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  HistoryEntry,
  IssueDetail,
  IssueItemsPage,
  MyFeedbackItem,
  SplitProposal,
  Suggestion,
} from '../src/shared/api/contract.js';
import type { RankedIssues } from '../src/shared/domain/issue.js';
import { type ApiFixture, type Holder, call, item, startApi } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

const PARCEL = [
  'parcel arrived late again',
  'my parcel was late by a week',
  'late parcel delivery, no update',
];
const REFUND = [
  'refund never reached my card',
  'still waiting for my refund',
  'refund missing after return',
];

for (const backend of backendCases) {
  describe.skipIf(backend.skip)(`the analyst's workbench methods (${backend.name})`, () => {
    let api: ApiFixture;
    let parcel: string;
    let refund: string;
    beforeEach(async () => {
      api = await startApi(backend);
      // Each group's later items are "heard again" on its first: the fixture's grouping is fixed,
      // whatever the grouper would make of six short texts.
      const push = async (
        holder: Holder,
        texts: string[],
        team: string,
        at: number,
        issue?: string,
      ) => {
        const items = texts.map((text, k) =>
          item(`${holder}-${team}-${at + k}-${text.length}`, text, {
            created_at: `2026-11-1${at + k}T09:00:00Z`,
            team,
            agent: holder,
            ...(issue === undefined ? {} : { issue_id: issue }),
          }),
        );
        const answer = await call(api.url, 'POST', '/api/v1/items', {
          token: api.secrets[holder],
          json: { items },
        });
        expect(answer.status).toBe(200);
        return (JSON.parse(answer.text) as { issues: Record<string, string> }).issues[
          items[0]?.id as string
        ] as string;
      };
      parcel = await push('amy', PARCEL.slice(0, 1), 'support', 0);
      await push('amy', PARCEL.slice(1), 'support', 1, parcel);
      refund = await push('amy', REFUND.slice(0, 1), 'support', 3);
      await push('amy', REFUND.slice(1), 'support', 4, refund);
      await push('bo', PARCEL.slice(0, 2), 'sales', 0, parcel);
      expect(parcel).toBeTruthy();
      expect(refund).toBeTruthy();
      expect(refund).not.toBe(parcel);
    });
    afterEach(async () => {
      await api.close();
    });

    const raw = (holder: Holder, method: string, args: object) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token: api.secrets[holder], json: args });
    const invoke = async <T>(holder: Holder, method: string, args: object): Promise<T> => {
      const answer = await raw(holder, method, args);
      expect(answer.status, answer.text).toBe(200);
      return JSON.parse(answer.text) as T;
    };
    const itemsOf = async (id: string, args: object = {}) =>
      invoke<IssueItemsPage>('ana', 'issues.items', { id, ...args });

    it('updates status, owner, title, root cause and a note, each kept in the history with who did it', async () => {
      const detail = await invoke<IssueDetail>('ana', 'issues.update', {
        id: parcel,
        status: 'fix_in_progress',
        owner: 'Logistics',
        title: 'Parcels arrive late',
        root_cause: 'Courier cut-off moved to 14:00',
        note: 'Courier contract renegotiated; fix due Friday',
      });
      expect(detail.issue).toMatchObject({
        id: parcel,
        status: 'fix_in_progress',
        owner: 'Logistics',
        title: 'Parcels arrive late',
        mentions: 5,
      });
      expect(detail.root_cause).toBe('Courier cut-off moved to 14:00');
      const history = await invoke<HistoryEntry[]>('ana', 'issues.history', { id: parcel });
      expect(history.map((entry) => [entry.action, entry.field, entry.actor])).toEqual([
        ['update', 'status', 'ana'],
        ['update', 'owner', 'ana'],
        ['update', 'title', 'ana'],
        ['update', 'root_cause', 'ana'],
        ['note', null, 'ana'],
      ]);
      expect(history[0]?.detail).toBe('status: "new" → "fix_in_progress"');
      const cleared = await invoke<IssueDetail>('root', 'issues.update', {
        id: parcel,
        owner: null,
        title: null,
        root_cause: null,
      });
      expect(cleared.issue.owner).toBeNull();
      expect(cleared.root_cause).toBeNull();
      expect(cleared.issue.title).not.toBe('Parcels arrive late');
      expect(
        (await invoke<HistoryEntry[]>('ana', 'issues.history', { id: parcel })).at(-1)?.actor,
      ).toBe('root');
    });

    it('merges, splits and moves items; a merged-away id answers with its target history', async () => {
      const titleOf = async (id: string) =>
        (await invoke<IssueDetail>('ana', 'issues.detail', { id })).issue.title;
      const [refundTitle, parcelTitle] = [await titleOf(refund), await titleOf(parcel)];
      expect(await invoke('ana', 'issues.merge', { id: refund, into: parcel })).toEqual({
        id: parcel,
      });
      expect((await itemsOf(parcel)).total).toBe(8);
      const merged = await invoke<HistoryEntry[]>('ana', 'issues.history', { id: refund });
      expect(merged.map((entry) => entry.detail)).toEqual([`merged ${refund} in (3 items)`]);
      // Named by title, not by id alone: the retired issue by the title it had.
      expect(merged.map((entry) => entry.issues)).toEqual([
        [{ id: refund, title: refundTitle, retired: true }],
      ]);

      const refunds = (await itemsOf(parcel, { search: 'REFUND' })).items.map((row) => row.id);
      expect(refunds).toHaveLength(3);
      const split = await invoke<{ id: string }>('ana', 'issues.split', {
        id: parcel,
        itemIds: refunds.slice(0, 2),
        title: 'Refunds late',
      });
      expect((await itemsOf(split.id)).total).toBe(2);
      expect(await invoke('ana', 'issues.moveItems', { itemIds: refunds, into: split.id })).toEqual(
        { moved: 1 },
      );
      expect((await itemsOf(split.id)).total).toBe(3);
      expect((await itemsOf(parcel)).total).toBe(5);
      const history = await invoke<HistoryEntry[]>('ana', 'issues.history', { id: split.id });
      expect(history.map((entry) => entry.action)).toEqual(['split', 'move']);
      const parcelNamed = [{ id: parcel, title: parcelTitle, retired: false }];
      expect(history.map((entry) => entry.issues)).toEqual([parcelNamed, parcelNamed]);
      // The parcel issue's own entries name the new issue by its title, as it is now.
      expect(
        (await invoke<HistoryEntry[]>('ana', 'issues.history', { id: parcel }))
          .filter((entry) => entry.action !== 'merge')
          .map((entry) => [entry.action, entry.issues]),
      ).toEqual([
        ['split', [{ id: split.id, title: 'Refunds late', retired: false }]],
        ['move', [{ id: split.id, title: 'Refunds late', retired: false }]],
      ]);
      const ranked = await invoke<RankedIssues>('ana', 'issues.rank', {});
      expect(ranked.issues.find((issue) => issue.id === split.id)?.times_heard).toBe(3);
    });

    it('offers the issues most like this one as merge candidates, never the two sides of a split, and drops one merged away', async () => {
      // Split two late parcels off the parcel issue: the analyst said "these are not one problem",
      // so neither side offers the other for merging back, though they are the most alike.
      const late = (await itemsOf(parcel, { search: 'late' })).items.map((row) => row.id);
      const half = await invoke<{ id: string }>('ana', 'issues.split', {
        id: parcel,
        itemIds: late.slice(0, 2),
      });
      const ids = async (id: string) =>
        (await invoke<Suggestion[]>('ana', 'issues.similar', { id })).map((issue) => issue.id);
      expect(await ids(half.id)).not.toContain(parcel);
      expect(await ids(parcel)).not.toContain(half.id);
      // One more split, of the half: the item split off it is offered with the parcel issue (it
      // was never split from that one), and the refunds, which share nothing with parcels, never.
      const quarter = await invoke<{ id: string }>('ana', 'issues.split', {
        id: half.id,
        itemIds: late.slice(0, 1),
      });
      const similar = await invoke<Suggestion[]>('ana', 'issues.similar', { id: quarter.id });
      expect(similar[0]).toMatchObject({ id: parcel, status: 'new' });
      expect(similar[0]?.similarity).toBeGreaterThan(0.1);
      expect(similar.map((issue) => issue.id)).not.toContain(half.id);
      expect(similar.map((issue) => issue.id)).not.toContain(refund);
      expect(similar.map((issue) => issue.id)).not.toContain(quarter.id);
      expect(await ids(parcel)).toContain(quarter.id);

      // Merged in, it is gone from the list at once (no ingest in between to refresh the index).
      await invoke('ana', 'issues.merge', { id: quarter.id, into: parcel });
      const afterMerge = await invoke<Suggestion[]>('ana', 'issues.similar', { id: parcel });
      expect(afterMerge.map((issue) => issue.id)).not.toContain(quarter.id);
      // A merged-away id answers for the issue that kept its items.
      expect(await invoke<Suggestion[]>('ana', 'issues.similar', { id: quarter.id })).toEqual(
        afterMerge,
      );
      expect((await raw('ana', 'issues.similar', { id: 'nope' })).status).toBe(404);
      expect((await raw('ana', 'issues.similar', { id: parcel, limit: 0 })).status).toBe(400);
    });

    it('proposes the two problems a mixed issue holds, and its item ids split them apart', async () => {
      // Nothing to propose for three parcels said three ways.
      expect(
        (await invoke<SplitProposal>('ana', 'issues.splitProposal', { id: refund })).parts,
      ).toEqual([]);
      await invoke('ana', 'issues.merge', { id: refund, into: parcel });
      // A merged-away id answers for the issue that kept its items.
      const proposal = await invoke<SplitProposal>('ana', 'issues.splitProposal', { id: refund });
      expect(proposal).toMatchObject({ id: parcel, read: 8 });
      const [parcels, refunds] = proposal.parts;
      expect(parcels?.count).toBe(5);
      expect(refunds?.count).toBe(3);
      expect(refunds?.label.toLowerCase()).toContain('refund');
      expect(parcels?.label.toLowerCase()).toMatch(/parcel|late/);
      const stored = (await itemsOf(parcel)).items;
      const refundIds = stored.filter((row) => row.text.includes('refund')).map((row) => row.id);
      expect([...(refunds?.item_ids ?? [])].sort()).toEqual(refundIds.sort());
      expect(refunds?.samples.every((text) => text.includes('refund'))).toBe(true);

      const half = await invoke<{ id: string }>('ana', 'issues.split', {
        id: parcel,
        itemIds: refunds?.item_ids ?? [],
        title: refunds?.label,
      });
      expect((await itemsOf(half.id)).total).toBe(3);
      expect((await itemsOf(parcel)).total).toBe(5);
      expect((await raw('ana', 'issues.splitProposal', { id: 'nope' })).status).toBe(404);
      expect((await raw('ana', 'issues.splitProposal', { id: parcel, extra: 1 })).status).toBe(400);
    });

    it('finds merge and move targets by title, id or sample words, biggest first, saying how many match', async () => {
      type Choices = { total: number; issues: { id: string; title: string; mentions: number }[] };
      const find = (args: object) => invoke<Choices>('ana', 'issues.find', args);
      const titleOf = async (id: string) =>
        (await invoke<IssueDetail>('ana', 'issues.detail', { id })).issue.title;
      const all = await find({});
      expect(all.total).toBe(2);
      // Parcels (5 items) before refunds (3): the likeliest target first.
      expect(all.issues.map((issue) => [issue.id, issue.mentions])).toEqual([
        [parcel, 5],
        [refund, 3],
      ]);
      expect(all.issues[1]?.title).toBe(await titleOf(refund));
      // The issue merged or moved from is left out, and the total says so.
      expect(await find({ except: parcel })).toMatchObject({ total: 1, issues: [{ id: refund }] });
      // A part of the title, in any case; or a part of the id.
      const word = (await titleOf(refund)).split(/\s+/)[0] ?? '';
      expect((await find({ search: word.toUpperCase() })).issues.map((i) => i.id)).toContain(
        refund,
      );
      expect(await find({ search: refund.slice(-6) })).toMatchObject({ issues: [{ id: refund }] });
      expect(await find({ search: 'no title holds this' })).toEqual({ total: 0, issues: [] });
      // Words of the sample shown beside the title find its issue, whatever the title says.
      const samples = await invoke<{ id: string; text: string }[]>('ana', 'issues.samples', {
        ids: [refund],
      });
      const sample = samples[0]?.text ?? '';
      expect(REFUND).toContain(sample);
      const sampleWords = sample.split(' ').slice(-2).join(' ').toUpperCase();
      expect((await titleOf(refund)).toUpperCase()).not.toContain(sampleWords);
      expect(await find({ search: sampleWords })).toMatchObject({
        total: 1,
        issues: [{ id: refund }],
      });
      // The limit cuts the list, never the count; a merged-away issue is no target.
      expect(await find({ limit: 1 })).toMatchObject({ total: 2, issues: [{ id: parcel }] });
      await invoke('ana', 'issues.merge', { id: refund, into: parcel });
      expect(await find({})).toMatchObject({ total: 1, issues: [{ id: parcel, mentions: 8 }] });
      expect((await raw('ana', 'issues.find', { limit: 0 })).status).toBe(400);
      expect((await raw('ana', 'issues.find', { limit: 201 })).status).toBe(400);
    });

    it("says when an issue was first and last heard at all, beside the window's own first and last", async () => {
      const detail = (args: object) =>
        invoke<IssueDetail>('ana', 'issues.detail', { id: parcel, ...args });
      // Parcels were heard on 10, 11 and 12 November; the window starts on the 11th.
      const windowed = await detail({ from: '2026-11-11T00:00:00Z', to: '2026-11-12T00:00:00Z' });
      expect(windowed.issue.first_seen).toBe('2026-11-11T09:00:00.000Z');
      expect(windowed.issue.last_seen).toBe('2026-11-11T09:00:00.000Z');
      expect(windowed.all_time).toEqual({
        first_seen: '2026-11-10T09:00:00.000Z',
        last_seen: '2026-11-12T09:00:00.000Z',
      });
      // The other filters still apply: the sales team heard it on the 10th and 11th only.
      expect((await detail({ from: '2026-11-11T00:00:00Z', team: 'sales' })).all_time).toEqual({
        first_seen: '2026-11-10T09:00:00.000Z',
        last_seen: '2026-11-11T09:00:00.000Z',
      });
    });

    it('pages and searches every item of an issue', async () => {
      const first = await itemsOf(parcel, { limit: 2 });
      const rest = await itemsOf(parcel, { limit: 2, offset: 2 });
      expect(first.total).toBe(5);
      expect(first.items).toHaveLength(2);
      expect(rest.items).toHaveLength(2);
      expect(new Set([...first.items, ...rest.items].map((row) => row.id)).size).toBe(4);
      expect(first.items[0]).toMatchObject({ channel: 'phone', times_heard: 1 });
      expect((await itemsOf(parcel, { search: 'week' })).total).toBe(2);
      expect((await itemsOf(parcel, { team: 'sales' })).total).toBe(2);
    });

    it('refuses agents and leads the edits (403), lets a lead read only their team items', async () => {
      const edits: [string, object][] = [
        ['issues.update', { id: parcel, status: 'fixed' }],
        ['issues.merge', { id: refund, into: parcel }],
        ['issues.split', { id: parcel, itemIds: ['x'] }],
        ['issues.moveItems', { itemIds: ['x'], into: parcel }],
        ['issues.history', { id: parcel }],
        ['issues.similar', { id: parcel }],
        ['issues.splitProposal', { id: parcel }],
        ['issues.find', {}],
      ];
      for (const holder of ['amy', 'lee'] as const) {
        for (const [method, args] of edits)
          expect((await raw(holder, method, args)).status, `${holder} ${method}`).toBe(403);
      }
      expect((await raw('amy', 'issues.items', { id: parcel })).status).toBe(403);
      expect((await invoke<IssueItemsPage>('lee', 'issues.items', { id: parcel })).total).toBe(3);
      expect((await raw('lee', 'issues.items', { id: parcel, team: 'sales' })).status).toBe(403);
      expect((await raw('ana', 'issues.update', { id: 'nope', status: 'fixed' })).status).toBe(404);
      expect((await raw('ana', 'issues.update', { id: parcel, status: 'done' })).status).toBe(400);
      const ranked = await invoke<RankedIssues>('ana', 'issues.rank', {});
      expect(ranked.issues.find((issue) => issue.id === parcel)?.status).toBe('new');
    });

    it('filters the ranking by status, over the call and GET /api/v1/issues', async () => {
      await invoke('ana', 'issues.update', { id: parcel, status: 'fixed' });
      const ids = async (status?: string) =>
        (
          await invoke<RankedIssues>('ana', 'issues.rank', status === undefined ? {} : { status })
        ).issues.map((issue) => issue.id);
      expect(await ids('open')).toEqual([refund]);
      expect(await ids('fixed')).toEqual([parcel]);
      expect((await ids('all')).sort()).toEqual([parcel, refund].sort());
      expect((await ids()).sort()).toEqual([parcel, refund].sort());
      const open = await call(api.url, 'GET', '/api/v1/issues?status=open', {
        token: api.secrets.ana,
      });
      expect(open.body.issues.map((issue) => issue.id)).toEqual([refund]);
      expect(
        (await call(api.url, 'GET', '/api/v1/issues?status=closed', { token: api.secrets.ana }))
          .status,
      ).toBe(400);
    });

    it("closes the loop: the agent's My feedback shows changed items on top with root cause, owner and note", async () => {
      await invoke('ana', 'issues.update', {
        id: refund,
        status: 'investigating',
        owner: 'Payments',
        root_cause: 'Bank batch delayed',
        note: 'Refunds resent',
      });
      const mine = await invoke<MyFeedbackItem[]>('amy', 'feedback.mine', {});
      expect(mine).toHaveLength(6);
      expect(mine.slice(0, 3).map((row) => row.unseen)).toEqual([true, true, true]);
      expect(mine[0]?.issue).toMatchObject({
        id: refund,
        status: 'investigating',
        owner: 'Payments',
        root_cause: 'Bank batch delayed',
        note: 'Refunds resent',
      });
      // Within each group, newest first.
      const changed = mine.slice(0, 3).map((row) => row.created_at);
      expect([...changed].sort().reverse()).toEqual(changed);
      expect(mine.slice(3).every((row) => !row.unseen && row.issue?.id === parcel)).toBe(true);
    });
  });
}
