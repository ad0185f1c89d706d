import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The CLI, built by tests/support/global-setup.ts before any test runs. */
export const BIN = join(ROOT, 'bin', 'wocas.js');

/** The environment without WOCAS_* variables, so flags alone decide what a child does. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('WOCAS_')),
  );
}

/** Runs the built CLI to completion. */
export function runWocas(args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env: cleanEnv(), encoding: 'utf8' });
}
