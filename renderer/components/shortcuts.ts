import type { HostKind, MenuCommand } from '../../shared/ipc/results.ts';

/** What a key press asks the shell to do: an application-menu command, or a shell-only action. */
export type ShortcutAction = MenuCommand | 'toggle-side-bar';

/** The keys a shortcut is matched on (a KeyboardEvent has them all). */
export interface ShortcutKey {
  key: string;
  /** The physical key (`KeyS`): with Alt held, `key` may be another character (`ß` on a Mac). */
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/**
 * Maps a key press to a shell action. The desktop's application menu owns its accelerators
 * (main/electron/menu.ts), so on that host only keys the menu lacks are handled here; in a
 * browser tab there is no menu, so the same accelerators are handled here instead. F5 belongs to
 * the stage canvas; elsewhere in a browser tab it says where fixtures run instead of reloading.
 * Keys a browser keeps for itself (Ctrl+W, Ctrl+Shift+N) are left alone.
 */
export function shortcutFor(
  event: ShortcutKey,
  host: HostKind | undefined,
  /** A stage canvas is the active tab: it handles F5 and Shift+F5 itself. */
  canvasActive = false,
): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  // In a browser tab F5 would reload the page, unsaved edits and run history with it.
  if (event.key === 'F5' && !mod && !event.altKey && host === 'web' && !canvasActive) {
    return event.shiftKey ? 'run-all' : 'run-fixture';
  }
  if (!mod) return null;
  const key = event.code.startsWith('Key') ? event.code.slice(3).toLowerCase() : event.key.toLowerCase();
  if (key === 's' && !event.altKey && !event.shiftKey) return 'save';
  if (key === 'b' && !event.altKey && !event.shiftKey) return 'toggle-side-bar';
  if (host !== 'web') return null;
  if (key === 's' && event.altKey && !event.shiftKey) return 'save-all';
  if (key === 'j' && !event.altKey && !event.shiftKey) return 'toggle-panel';
  if (key === 'o' && !event.altKey && !event.shiftKey) return 'open-workspace';
  return null;
}
