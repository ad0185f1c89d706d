import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaptureResult } from '../src/shared/api/contract.js';
import { type ApiFixture, call, startApi, storedIds } from './support/http-fixture.js';
import { backendCases } from './support/storage-backends.js';

/**
 * A refusal is answered as one, to the one who sent it, on both backends: a capture the store
 * refused is not answered as saved, and one bad change in a push of changes fails alone.
 */
describe.each(backendCases)('refusals answered on $name', (backend) => {
  describe.skipIf(backend.skip)('the aggregator', () => {
    let api: ApiFixture;
    beforeEach(async () => {
      api = await startApi(backend);
    });
    afterEach(() => api.close());

    const invoke = (token: string, method: string, json: unknown) =>
      call(api.url, 'POST', `/api/v1/call/${method}`, { token, json });

    it('items.capture with an id already used for other words is a 400, not "saved"', async () => {
      const first = await invoke(api.secrets.amy, 'items.capture', {
        id: 'queued-save-0001',
        text: 'the parcel arrived late again',
      });
      expect(first.status, first.text).toBe(200);

      const reused = await invoke(api.secrets.amy, 'items.capture', {
        id: 'queued-save-0001',
        text: 'the refund never reached my card',
      });
      expect(reused.status, reused.text).toBe(400);
      expect(reused.body.error).toContain('id: conflict');

      // The same save sent again (a lost answer) is still answered as saved.
      const again = await invoke(api.secrets.amy, 'items.capture', {
        id: 'queued-save-0001',
        text: 'the parcel arrived late again',
      });
      expect(again.status, again.text).toBe(200);
      expect(JSON.parse(again.text)).toMatchObject({
        id: 'queued-save-0001',
        synced: true,
        issue_id: (JSON.parse(first.text) as CaptureResult).issue_id,
      });
      expect(await storedIds(api)).toEqual(['queued-save-0001']);
    });

    it("items.capture of another agent's id is refused alike whatever the words, naming no issue", async () => {
      const words = { id: 'amy-save-000001', text: 'the parcel arrived late again' };
      const amys = await invoke(api.secrets.amy, 'items.capture', words);
      expect(amys.status, amys.text).toBe(200);
      expect((JSON.parse(amys.text) as CaptureResult).issue_id).not.toBeNull();

      for (const text of [words.text, 'the refund never reached my card']) {
        const bos = await invoke(api.secrets.bo, 'items.capture', { ...words, text });
        expect(bos.status, bos.text).toBe(400);
        expect(bos.text).toBe('{"error":"id: already used by another item"}');
      }
    });

    it('one change with a lone surrogate in a push of changes fails alone', async () => {
      const saved = await invoke(api.secrets.amy, 'items.capture', {
        id: 'amy-save-000002',
        text: 'the parcel arrived late again',
      });
      expect(saved.status, saved.text).toBe(200);
      const answer = await call(api.url, 'POST', '/api/v1/items/changes', {
        token: api.secrets.amy,
        json: {
          changes: [
            {
              id: 'change-bad-0001',
              item_id: 'amy-save-000002',
              kind: 'edit',
              text: 'late \ud800',
            },
            {
              id: 'change-good-001',
              item_id: 'amy-save-000002',
              kind: 'edit',
              text: 'the parcel arrived two days late',
            },
          ],
        },
      });
      expect(answer.status, answer.text).toBe(200);
      const body = JSON.parse(answer.text) as {
        applied: string[];
        rejected: { id: string; error: string }[];
      };
      expect(body.applied).toEqual(['change-good-001']);
      expect(body.rejected).toEqual([
        { id: 'change-bad-0001', error: 'text: holds a lone surrogate (not valid Unicode)' },
      ]);
    });
  });
});
