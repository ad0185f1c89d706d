import { type ChildProcess, spawn } from 'node:child_process';
import { BIN, cleanEnv } from './built-cli.js';

export interface Served {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  /** Resolves with the first stderr text matching, once it is there. */
  waitFor: (pattern: RegExp) => Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * `wocas serve` as a child process on a database (its storage flags: `--db P` or `--database-url U`);
 * resolves once it prints the URL it is bound to.
 */
export async function startServe(
  storageFlags: readonly string[],
  cwd: string,
  port = 0,
): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...storageFlags, '--port', String(port)], {
    cwd,
    env: cleanEnv(),
  });
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (text: string) => void }[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const waiter of waiters.splice(0)) {
      const match = waiter.pattern.exec(stderr);
      if (match) waiter.resolve(match[0]);
      else waiters.push(waiter);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const match = pattern.exec(stderr);
      if (match) resolve(match[0]);
      else waiters.push({ pattern, resolve });
      void exited.then(() => reject(new Error(`wocas serve exited; stderr:\n${stderr}`)));
    });
  const line = await waitFor(/^wocas: serving (http:\/\/127\.0\.0\.1:\d+) .*\n/m);
  return { url: /http:\/\/\S+/.exec(line)![0], child, stderr: () => stderr, waitFor, exited };
}
