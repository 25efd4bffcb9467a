/**
 * The application menu. Commands that act on what the person is editing (save, run, close tab)
 * are carried out by the renderer: main forwards them as `menu.command` events.
 */
import { app, type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { eventChannel } from '../../shared/ipc/channels.ts';
import type { EventPayloads } from '../../shared/ipc/contract.ts';
import type { MenuCommand, RecentWorkspace } from '../../shared/ipc/results.ts';

export interface MenuOptions {
  window: () => BrowserWindow | null;
  recent: RecentWorkspace[];
  devTools: boolean;
}

function send(options: MenuOptions, command: MenuCommand, path?: string): void {
  const window = options.window();
  if (window === null || window.isDestroyed()) return;
  const payload: EventPayloads['menu.command'] = path === undefined ? { command } : { command, path };
  window.webContents.send(eventChannel('menu.command'), payload);
}

export function buildMenu(options: MenuOptions): Menu {
  const isMac = process.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => send(options, name),
  });
  const recent: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No recent workspaces', enabled: false }]
      : options.recent.map((entry) => ({
          label: `${entry.name} — ${entry.path}`,
          click: () => send(options, 'open-recent', entry.path),
        }));

  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        command('New Workspace…', 'new-workspace', 'CmdOrCtrl+Shift+N'),
        command('Open Folder…', 'open-workspace', 'CmdOrCtrl+O'),
        { label: 'Open Recent', submenu: recent },
        { type: 'separator' },
        command('Save', 'save', 'CmdOrCtrl+S'),
        command('Save All', 'save-all', 'CmdOrCtrl+Alt+S'),
        { type: 'separator' },
        command('Close Tab', 'close-tab', 'CmdOrCtrl+W'),
        ...(isMac ? [] : [{ type: 'separator' as const }, { role: 'quit' as const }]),
      ],
    },
    { role: 'editMenu' },
    {
      label: '&Run',
      submenu: [
        command('Run Fixture', 'run-fixture', 'F5'),
        command('Run All Fixtures', 'run-all', 'Shift+F5'),
      ],
    },
    {
      label: '&View',
      submenu: [
        command('Toggle Panel', 'toggle-panel', 'CmdOrCtrl+J'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: `Pipeline Studio ${app.getVersion()}`, enabled: false }],
    },
  ];
  return Menu.buildFromTemplate(template);
}
