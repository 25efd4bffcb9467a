import { useEffect, useRef } from 'react';

export interface MenuItem {
  label: string;
  testId: string;
  danger?: boolean;
  run: () => void;
}

/**
 * A right-click menu at a point; closes on a click elsewhere or Escape. Arrow keys move between
 * items, and focus goes back to what had it (the row that was right-clicked) when it closes.
 */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape' && event.key !== 'Tab') return;
        event.preventDefault();
      }
      if (event instanceof MouseEvent && ref.current?.contains(event.target as Node)) return;
      onClose();
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
      if (before?.isConnected && before !== document.body) before.focus();
    };
  }, [onClose]);
  return (
    <div
      className="context-menu"
      role="menu"
      ref={ref}
      style={{ left: props.x, top: props.y }}
      data-testid="context-menu"
      onKeyDown={(e) => {
        if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
        // The tree around the menu moves between its rows on these keys: not while the menu is open.
        e.stopPropagation();
        moveFocus(ref.current, e.nativeEvent);
      }}
    >
      {props.items.map((item) => (
        <button
          key={item.testId}
          type="button"
          role="menuitem"
          className={item.danger ? 'danger' : undefined}
          data-testid={item.testId}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}

/** Up and Down cycle through the menu's items. */
function moveFocus(menu: HTMLElement | null, event: KeyboardEvent): void {
  if (!menu) return;
  event.preventDefault();
  const items = [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const step = event.key === 'ArrowDown' ? 1 : -1;
  items[(at + step + items.length) % items.length]?.focus();
}
