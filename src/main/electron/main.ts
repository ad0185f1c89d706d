/**
 * The Electron entry: wires the desktop core (src/main/desktop-core.ts, plain Node and tested as
 * such) to a window, a tray, a global hotkey, wocas:// links and notifications. Everything here is
 * glue; logic that can be tested without Electron lives elsewhere.
 */
import { resolve } from 'node:path';
import { BrowserWindow, app, clipboard, globalShortcut, ipcMain, session } from 'electron';
import { IPC_EVENT_CHANNEL } from '../../shared/desktop/desktop-api.js';
import { MAX_TEXT_LENGTH } from '../../shared/domain/feedback-item.js';
import { type DesktopCore, type Emit, openDesktopCore } from '../desktop-core.js';
import { HotkeyBinding } from '../hotkey/hotkey-binding.js';
import { registerIpc } from '../ipc/register-ipc.js';
import { HIDDEN_ARG } from '../settings/login-item.js';
import { findCaptureLink } from '../softphone/capture-link.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { startAutoUpdate, updateFeed } from './auto-update.js';
import { globalShortcutRegistrar } from './global-shortcut-registrar.js';
import { setOpenAtLogin } from './open-at-login.js';
import { safeStorageBox } from './safe-storage-box.js';
import { createMainWindow, panelBounds } from './main-window.js';
import { notifyProblem, notifyStatusChanges } from './notifications.js';
import { ICON_PATH, PRELOAD_PATH, RENDERER_DIR } from './paths.js';
import { registerLinkScheme } from './protocol-client.js';
import { hardenContents, hardenSession } from './security.js';
import { type TrayHandle, createTray } from './tray.js';

// Before `ready` (and before any await): the data folder, the app:// scheme, the single instance.
if (process.env.WOCAS_USER_DATA) app.setPath('userData', resolve(process.env.WOCAS_USER_DATA));
registerAppScheme();
hardenContents(app);

const log = (message: string, error?: unknown) => console.error(message, error ?? '');
const earlyLinks: string[] = [];
let core: DesktopCore | undefined;
let window: BrowserWindow | undefined;
let tray: TrayHandle | undefined;
let quitting = false;
let closed = false;

// macOS hands links over by event, possibly before `ready`.
app.on('open-url', (event, url) => {
  event.preventDefault();
  if (core) core.openLink(url);
  else earlyLinks.push(url);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    const link = findCaptureLink(argv);
    if (link && core) core.openLink(link);
    else showPanel();
  });
  // Closing the panel hides it; the app lives on in the tray until "Quit".
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', (event) => {
    if (closed || !core) return;
    event.preventDefault();
    globalShortcut.unregisterAll();
    tray?.destroy();
    tray = undefined;
    void core.close().finally(() => {
      closed = true;
      app.quit();
    });
  });
  // macOS: a click on the Dock icon brings the panel back.
  app.on('activate', () => showPanel());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      log('wocas: could not start', error);
      app.exit(1);
    });
}

function showPanel(): void {
  if (!window || window.isDestroyed()) return;
  if (!window.isVisible())
    window.setBounds(
      panelBounds(core?.settings.current().window ?? { lastDisplayId: null, byDisplay: {} }),
    );
  window.show();
  window.focus();
}

let hotkey: HotkeyBinding | undefined;

const emit: Emit = (event, payload) => {
  if (window && !window.isDestroyed())
    window.webContents.send(IPC_EVENT_CHANNEL, { event, payload });
  if (event === 'sync.state' && core) tray?.update(core.sync.state(), hotkey?.active() ?? null);
};

function onHotkey(): void {
  showPanel();
  const paste = core?.settings.current().pasteOnHotkey
    ? clipboard.readText().slice(0, MAX_TEXT_LENGTH)
    : null;
  emit('capture.focus', { paste });
}

function trayFor(desktop: DesktopCore): TrayHandle {
  return createTray(ICON_PATH, {
    show: showPanel,
    syncNow: () => void desktop.sync.syncNow(),
    openAtLogin: () => desktop.settings.current().openAtLogin,
    setOpenAtLogin: (open) => {
      desktop.settings.update({ openAtLogin: open });
      setOpenAtLogin(open);
    },
    quit: () => app.quit(),
  });
}

function windowFor(desktop: DesktopCore): BrowserWindow {
  const panel = createMainWindow({
    preloadPath: PRELOAD_PATH,
    iconPath: ICON_PATH,
    memory: () => desktop.settings.current().window,
    remember: (memory) => desktop.settings.rememberWindow(memory),
    quitting: () => quitting,
    devTools: !app.isPackaged,
  });
  panel.webContents.on('did-start-loading', () => desktop.prefills.uiGone());
  // Started at login: stay in the tray until the hotkey, the tray or a softphone link asks.
  if (!process.argv.includes(HIDDEN_ARG)) panel.once('ready-to-show', showPanel);
  return panel;
}

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  serveRenderer(session.defaultSession.protocol, RENDERER_DIR);
  const binding = new HotkeyBinding(globalShortcutRegistrar, onHotkey, process.platform);
  hotkey = binding;
  const desktop = openDesktopCore({
    userDataDir: app.getPath('userData'),
    secretBox: safeStorageBox(process.platform),
    shell: { bindHotkey: (accelerator) => binding.bind(accelerator), setOpenAtLogin },
    emit,
    showPanel,
    notify: (changes) => notifyStatusChanges(changes, showPanel),
    log,
  });
  core = desktop;
  registerIpc(ipcMain, desktop.dispatch);
  window = windowFor(desktop);
  tray = trayFor(desktop);
  const bound = binding.bind(desktop.settings.current().hotkey);
  tray.update(desktop.sync.state(), binding.active());
  registerLinkScheme();
  // Again at each start: an update may have moved the executable the login item points to.
  if (desktop.settings.current().openAtLogin) setOpenAtLogin(true);
  await desktop.start();
  for (const problem of [
    bound.ok ? null : bound.message,
    desktop.settings.recovered,
    desktop.softphoneError(),
  ]) {
    if (problem) notifyProblem(problem);
  }
  for (const link of [findCaptureLink(process.argv), ...earlyLinks.splice(0)])
    if (link) desktop.openLink(link);
  void startAutoUpdate(updateFeed(desktop.settings.current().updateFeedUrl, process.env), log);
}
