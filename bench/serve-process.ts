import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
/** The wocas CLI, whether the bench runs from dist/ or from source. */
export const WOCAS_BIN = join(
  here,
  here.includes('/dist/') ? '../../bin/wocas.js' : '../bin/wocas.js',
);

/**
 * `wocas serve --port 0` on a database (its storage flags) as a separate process (so the bench's client work does not
 * share its event loop); resolves with the URL it bound. Its request log is drained and dropped.
 */
export async function startServeProcess(
  storageFlags: readonly string[],
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [WOCAS_BIN, 'serve', ...storageFlags, '--port', '0'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
      const match = /serving (http:\/\/\S+)/.exec(stderr);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', () => reject(new Error(`wocas serve exited: ${stderr}`)));
  });
  child.stderr?.removeAllListeners('data').resume();
  return { url, child };
}
