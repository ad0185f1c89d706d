import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runWocas } from './support/built-cli.js';
import { type TestStorage, backendCases } from './support/storage-backends.js';

/**
 * A JSON Lines row that is not JSON is rejected by its line and a reason that quotes nothing of
 * it: the row has not been redacted, and stderr ends up in terminals, CI logs and cron mail.
 */
describe.each(backendCases)('wocas import reasons on $name', (backend) => {
  describe.skipIf(backend.skip)('a row that is not JSON', () => {
    let dir: string;
    let store: TestStorage;
    beforeEach(async () => {
      dir = mkdtempSync(join(tmpdir(), 'wocas-import-reasons-'));
      store = await backend.fresh();
    });
    afterEach(async () => {
      rmSync(dir, { recursive: true, force: true });
      await store.drop();
    });

    it('is reported by line without the phone or card number it holds', () => {
      const path = join(dir, 'notes.jsonl');
      writeFileSync(
        path,
        [
          '{"id":"ok-1","text":"the parcel arrived late","created_at":"2026-11-10"}',
          'call 07700900123 now',
          'ring 13800138000 about the refund, it never came',
          '{"text":"card 4111111111111111", "x": undefined}',
        ].join('\n'),
      );
      const run = runWocas(['import', path, ...store.cliFlags, '--no-recluster'], dir);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual({ imported: 1, duplicates: 0, rejected: 3 });
      for (const line of [2, 3, 4]) expect(run.stderr).toContain(`line ${line}: rejected`);
      expect(run.stderr).toContain('invalid JSON');
      for (const secret of ['07700900123', '13800', '1111', '4111'])
        expect(run.stderr).not.toContain(secret);
    });
  });
});
