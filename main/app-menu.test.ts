import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, type MenuActions } from './app-menu.ts';

function fileItems(platform: NodeJS.Platform, actions: MenuActions): MenuItemConstructorOptions[] {
  const file = appMenuTemplate(actions, platform).find((item) => item.label === 'File');
  return (file?.submenu ?? []) as MenuItemConstructorOptions[];
}

const noActions = (): MenuActions => ({ openIncident: vi.fn(), closeIncident: vi.fn(), startRecording: vi.fn(), stopRecording: vi.fn(), exportRecent: vi.fn() });

describe('app menu', () => {
  it('offers open, record/stop and export in File, each wired to its action with a shortcut', () => {
    const actions = noActions();
    const items = fileItems('linux', actions);
    const byLabel = new Map(items.filter((i) => i.label !== undefined).map((i) => [i.label!, i]));
    const expected: [string, keyof MenuActions][] = [
      ['Open Incident…', 'openIncident'],
      ['Close Incident', 'closeIncident'],
      ['Start Recording', 'startRecording'],
      ['Stop Recording and Save', 'stopRecording'],
      ['Export Last 15 Minutes…', 'exportRecent'],
    ];
    for (const [label, action] of expected) {
      const item = byLabel.get(label);
      expect(item?.accelerator, label).toMatch(/^CmdOrCtrl\+/);
      (item?.click as () => void)();
      expect(actions[action], label).toHaveBeenCalledOnce();
    }
    const accelerators = items.map((i) => i.accelerator).filter((a) => a !== undefined);
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it('follows each platform: the app menu and Close on macOS, Quit in File elsewhere', () => {
    expect(appMenuTemplate(noActions(), 'darwin')[0].role).toBe('appMenu');
    expect(fileItems('darwin', noActions()).at(-1)?.role).toBe('close');
    expect(appMenuTemplate(noActions(), 'win32')[0].label).toBe('File');
    expect(fileItems('win32', noActions()).at(-1)?.role).toBe('quit');
  });
});
