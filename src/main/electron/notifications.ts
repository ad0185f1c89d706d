import { Notification } from 'electron';
import { type StatusChange, notificationsFor } from '../sync/status-changes.js';

/** Tells the agent, outside the app, that an issue they reported changed status; a click opens the panel. */
export function notifyStatusChanges(changes: readonly StatusChange[], onClick: () => void): void {
  if (!Notification.isSupported()) return;
  for (const { title, body } of notificationsFor(changes)) {
    const notification = new Notification({ title, body, silent: false });
    notification.on('click', onClick);
    notification.show();
  }
}

/** A one-off message from the shell (the hotkey is taken, the endpoint's port is busy). */
export function notifyProblem(body: string): void {
  if (Notification.isSupported()) new Notification({ title: 'WOCAS', body }).show();
}
