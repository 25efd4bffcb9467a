import type { SliceCreator } from './app-state.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/**
 * Transient messages: failed actions and confirmations, shown as toasts. Errors stay until
 * dismissed; information goes by itself after a few seconds (notices.tsx).
 */
export interface NoticesSlice {
  notices: Notice[];
  notify(kind: Notice['kind'], message: string): void;
  dismissNotice(id: number): void;
}

let nextId = 1;

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  notices: [],
  // The same message again (a key pressed twice) moves to the end instead of stacking up.
  notify: (kind, message) =>
    set((s) => {
      const others = s.notices.filter((n) => n.kind !== kind || n.message !== message);
      return { notices: [...others.slice(-4), { id: nextId++, kind, message }] };
    }),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
