import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type IpcReply,
} from '../src/shared/desktop/desktop-api.js';
import { ROOT } from './support/built-cli.js';

/** The preload as built (global setup runs `npm run build`), as Electron ships it. */
const PRELOAD = readFileSync(join(ROOT, 'dist', 'electron', 'preload.cjs'), 'utf8');

type Listener = (event: unknown, message: unknown) => void;

/**
 * Runs the built preload the way a sandboxed renderer does: a plain script whose `require` knows
 * only Electron's renderer modules. Electron's two objects are stand-ins that record what the
 * preload does with them; none of our code is replaced.
 */
function runPreload(reply: (channel: string, ...args: unknown[]) => IpcReply) {
  const exposed: Record<string, unknown> = {};
  const listeners = new Map<string, Listener>();
  const invoked: unknown[][] = [];
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value),
    },
    ipcRenderer: {
      on: (channel: string, listener: Listener) => void listeners.set(channel, listener),
      invoke: (channel: string, ...args: unknown[]) => {
        invoked.push([channel, ...args]);
        return Promise.resolve(reply(channel, ...args));
      },
    },
  };
  const required: string[] = [];
  const sandboxRequire = (name: string) => {
    required.push(name);
    if (name !== 'electron')
      throw new Error(`module not found: ${name} (a sandboxed preload can only require electron)`);
    return electron;
  };
  runInNewContext(PRELOAD, {
    require: sandboxRequire,
    console,
    Error,
    TypeError,
    Promise,
    Map,
    Set,
  });
  return { exposed, listeners, invoked, required };
}

describe('the built preload', () => {
  it('is one CommonJS script that requires nothing but electron', () => {
    expect(PRELOAD).not.toMatch(/^\s*(import|export)\s/m);
    expect([...PRELOAD.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1])).toEqual([
      'electron',
    ]);
    expect(runPreload(() => ({ ok: true, result: null })).required).toEqual(['electron']);
  });

  it('exposes window.wocas with invoke and on, and nothing else', () => {
    const { exposed } = runPreload(() => ({ ok: true, result: null }));
    expect(Object.keys(exposed)).toEqual(['wocas']);
    expect(Object.keys(exposed.wocas as object).sort()).toEqual(['invoke', 'on']);
  });

  it('calls the main process on its one channel and unwraps the answer or the refusal', async () => {
    const { exposed, invoked } = runPreload((_channel, method) =>
      method === 'session.whoami'
        ? { ok: true, result: { name: 'amy' } }
        : {
            ok: false,
            error: {
              code: 'not_available',
              message: 'issues.rank is not available in the desktop app',
            },
          },
    );
    const wocas = exposed.wocas as { invoke(method: unknown, args?: unknown): Promise<unknown> };
    await expect(wocas.invoke('session.whoami', {})).resolves.toEqual({ name: 'amy' });
    await expect(wocas.invoke('issues.rank')).rejects.toThrow(
      'issues.rank is not available in the desktop app',
    );
    await expect(wocas.invoke(42)).rejects.toThrow('the method name must be a string');
    expect(invoked).toEqual([
      [IPC_INVOKE_CHANNEL, 'session.whoami', {}],
      [IPC_INVOKE_CHANNEL, 'issues.rank', {}],
    ]);
  });

  it('delivers events by name, without the IPC event object, and lets a listener go', () => {
    const { exposed, listeners } = runPreload(() => ({ ok: true, result: null }));
    const wocas = exposed.wocas as {
      on(event: string, listener: (payload: unknown) => void): () => void;
    };
    const heard: unknown[] = [];
    const off = wocas.on('capture.prefill', (...args: unknown[]) => heard.push(args));
    const send = listeners.get(IPC_EVENT_CHANNEL) as Listener;
    const ipcEvent = { sender: 'the main process, which the page must never reach' };
    send(ipcEvent, { event: 'capture.prefill', payload: { source: 'link', contact: 'CT-1' } });
    send(ipcEvent, { event: 'sync.state', payload: { pending: 1 } });
    off();
    send(ipcEvent, { event: 'capture.prefill', payload: { source: 'link' } });
    expect(heard).toEqual([[{ source: 'link', contact: 'CT-1' }]]);
    expect(() => wocas.on('ipc.raw', () => undefined)).toThrow('no such event: ipc.raw');
  });
});
