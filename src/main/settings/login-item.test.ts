import { describe, expect, it } from 'vitest';
import { autostartDesktopEntry } from './login-item.js';

describe('the Linux autostart entry', () => {
  it('starts the app hidden in the tray', () => {
    expect(autostartDesktopEntry('/opt/WOCAS/wocas')).toContain('Exec=/opt/WOCAS/wocas --hidden\n');
  });

  it('quotes a path with spaces or shell characters', () => {
    expect(autostartDesktopEntry('/home/amy/Apps/WOCAS 1.0.AppImage')).toContain(
      'Exec="/home/amy/Apps/WOCAS 1.0.AppImage" --hidden',
    );
    expect(autostartDesktopEntry('/tmp/a$b')).toContain('Exec="/tmp/a\\$b" --hidden');
  });
});
