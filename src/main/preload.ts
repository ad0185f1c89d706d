/**
 * The renderer's only door to the main process. It exposes `window.wocas = { invoke, on }` and
 * nothing else: never `ipcRenderer`, never an IPC event object (its `sender` reaches back into
 * Electron). It runs sandboxed, so it is bundled into one CommonJS file (src/main/preload.vite.config.ts)
 * whose only require is `electron`. The main process checks every argument again; the checks here
 * only keep a confused page from sending what can never be answered.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  DESKTOP_EVENT_NAMES,
  type DesktopClient,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type IpcEventMessage,
  type IpcReply,
} from '../shared/desktop/desktop-api.js';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
const EVENTS: ReadonlySet<string> = new Set(DESKTOP_EVENT_NAMES);

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, message: IpcEventMessage) => {
  for (const listener of listeners.get(message.event) ?? []) {
    try {
      listener(message.payload);
    } catch (error) {
      console.error(`wocas: a listener of ${message.event} failed`, error);
    }
  }
});

async function invoke(method: string, args: unknown): Promise<unknown> {
  if (typeof method !== 'string')
    throw new TypeError('wocas.invoke: the method name must be a string');
  const reply = (await ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, args ?? {})) as IpcReply;
  if (reply.ok) return reply.result;
  const error = new Error(reply.error.message);
  error.name = `WocasError[${reply.error.code}]`;
  throw error;
}

function on(event: string, listener: Listener): () => void {
  if (!EVENTS.has(event)) throw new TypeError(`wocas.on: no such event: ${String(event)}`);
  if (typeof listener !== 'function')
    throw new TypeError('wocas.on: the listener must be a function');
  const set = listeners.get(event) ?? new Set<Listener>();
  set.add(listener);
  listeners.set(event, set);
  return () => {
    set.delete(listener);
  };
}

const client = { invoke, on } as DesktopClient;
contextBridge.exposeInMainWorld('wocas', client);
