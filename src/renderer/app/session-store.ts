import { create } from 'zustand';
import type { Session, WocasClient } from '../../shared/api/contract.js';
import { ClientError, httpClient } from '../client/http-client.js';
import { desktopClient } from '../client/desktop-client.js';
import { bootDesktop } from '../views/desktop/desktop-store.js';

const TOKEN_KEY = 'wocas.token';

export type View = 'capture' | 'mine' | 'insights' | 'team' | 'admin';

interface SessionState {
  client: WocasClient | null;
  session: Session | null;
  /** The browser session's token, for the few plain HTTP downloads (reports); null on the desktop. */
  token: string | null;
  view: View;
  /**
   * Whether the aggregator answered the browser's last call (false once one could not reach it,
   * true again at the next answer to any call). Always true on the desktop, which works offline.
   */
  reachable: boolean;
  /** Why the sign-in page is shown again: 'rejected' (refused at sign-in), 'expired' (stopped working), or a message. */
  signInError: string | null;
  signIn: (token: string) => Promise<void>;
  signOut: () => void;
  show: (view: View) => void;
}

/** The views a role works in, the first being where it lands. */
export function viewsFor(session: Session): View[] {
  switch (session.role) {
    case 'agent':
      return ['capture', 'mine'];
    case 'lead':
      return ['team', 'insights', 'capture', 'mine'];
    case 'analyst':
      return ['insights', 'team', 'capture', 'mine'];
    // The settings live on the aggregator: the desktop app has none to show.
    case 'admin':
      return session.mode === 'browser'
        ? ['insights', 'team', 'admin', 'capture', 'mine']
        : ['insights', 'team', 'capture', 'mine'];
  }
}

async function connect(client: WocasClient): Promise<Session> {
  return client.invoke('session.whoami', {});
}

export const useSession = create<SessionState>((set) => ({
  client: null,
  session: null,
  token: null,
  view: 'capture',
  reachable: true,
  signInError: null,
  signIn: async (token) => {
    // Only the session this token opened is changed by its calls; a newer sign-in is left alone.
    const current = () => useSession.getState().token === token;
    const client = httpClient(window.location.origin, token, {
      onUnauthorized: () => {
        if (!current()) return;
        sessionStorage.removeItem(TOKEN_KEY);
        set({ client: null, session: null, token: null, signInError: 'expired' });
      },
      onReachable: (reachable) => {
        if (current() && useSession.getState().reachable !== reachable) set({ reachable });
      },
    });
    try {
      const session = await connect(client);
      sessionStorage.setItem(TOKEN_KEY, token);
      set({
        client,
        session,
        token,
        view: viewsFor(session)[0] as View,
        reachable: true,
        signInError: null,
      });
    } catch (error) {
      sessionStorage.removeItem(TOKEN_KEY);
      const refused = error instanceof ClientError && error.status === 401;
      set({
        client: null,
        session: null,
        token: null,
        signInError: refused
          ? 'rejected'
          : error instanceof ClientError
            ? error.message
            : String(error),
      });
    }
  },
  signOut: () => {
    sessionStorage.removeItem(TOKEN_KEY);
    set({ client: null, session: null, token: null });
  },
  show: (view) => set({ view }),
}));

/**
 * Starts the session: inside the desktop app through its client; in a browser from a
 * `#token=` link (the fragment never reaches the server or its logs, and is wiped from the
 * address bar at once) or from this tab's earlier sign-in.
 */
export async function bootSession(): Promise<void> {
  const desktop = desktopClient();
  if (desktop) {
    const [session] = await Promise.all([connect(desktop), bootDesktop(desktop)]);
    useSession.setState({ client: desktop, session, view: viewsFor(session)[0] as View });
    return;
  }
  const fromLink = /(?:^#|&)token=([^&]+)/.exec(window.location.hash)?.[1];
  if (fromLink) history.replaceState(null, '', window.location.pathname + window.location.search);
  const token = fromLink ? decodeURIComponent(fromLink) : sessionStorage.getItem(TOKEN_KEY);
  if (token) await useSession.getState().signIn(token);
}

/** Asks again who is signed in: on the desktop, the name changes with the settings. */
export async function refreshSession(): Promise<void> {
  const { client } = useSession.getState();
  if (client) useSession.setState({ session: await connect(client) });
}

/** The client of a signed-in session; views render only inside one. */
export function useClient(): WocasClient {
  const client = useSession((state) => state.client);
  if (!client) throw new Error('no signed-in client');
  return client;
}
