import type { SliceCreator } from './app-state.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

/** Transient messages: failed actions and confirmations, shown as toasts until dismissed. */
export interface NoticesSlice {
  notices: Notice[];
  notify(kind: Notice['kind'], message: string): void;
  dismissNotice(id: number): void;
}

let nextId = 1;

export const createNoticesSlice: SliceCreator<NoticesSlice> = () => (set) => ({
  notices: [],
  notify: (kind, message) =>
    set((s) => ({ notices: [...s.notices.slice(-4), { id: nextId++, kind, message }] })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
