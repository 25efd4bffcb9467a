import { useEffect, useRef } from 'react';

export interface MenuItem {
  label: string;
  testId: string;
  danger?: boolean;
  run: () => void;
}

/** A right-click menu at a point; closes on a click elsewhere or Escape. */
export function ContextMenu(props: { x: number; y: number; items: MenuItem[]; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  const { onClose } = props;
  useEffect(() => {
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event instanceof MouseEvent && ref.current?.contains(event.target as Node)) return;
      onClose();
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('keydown', close);
    ref.current?.querySelector('button')?.focus();
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('keydown', close);
    };
  }, [onClose]);
  return (
    <div
      className="context-menu"
      role="menu"
      ref={ref}
      style={{ left: props.x, top: props.y }}
      data-testid="context-menu"
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
