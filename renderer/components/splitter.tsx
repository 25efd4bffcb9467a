import { useRef } from 'react';

/**
 * A drag handle between two panes. Reports the new size as the pointer moves: `from` is the
 * size when the drag began, `delta` the pointer's travel along the axis (right/down positive).
 */
export function Splitter(props: {
  axis: 'x' | 'y';
  size: number;
  label: string;
  testId: string;
  onResize: (size: number) => void;
  /** -1 when growing the pane means moving the pointer up or left. */
  direction?: 1 | -1;
}) {
  const start = useRef<{ at: number; size: number } | null>(null);
  const direction = props.direction ?? 1;
  const at = (e: React.PointerEvent) => (props.axis === 'x' ? e.clientX : e.clientY);
  return (
    // biome-ignore lint/a11y/useSemanticElements: a separator that moves is focusable by the ARIA pattern; <hr> cannot be.
    <div
      className={`splitter ${props.axis}`}
      role="separator"
      aria-orientation={props.axis === 'x' ? 'vertical' : 'horizontal'}
      aria-label={props.label}
      aria-valuenow={props.size}
      tabIndex={0}
      data-testid={props.testId}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        start.current = { at: at(e), size: props.size };
      }}
      onPointerMove={(e) => {
        if (start.current) props.onResize(start.current.size + direction * (at(e) - start.current.at));
      }}
      onPointerUp={() => {
        start.current = null;
      }}
      onKeyDown={(e) => {
        const step = e.shiftKey ? 40 : 10;
        const grow = props.axis === 'x' ? 'ArrowRight' : 'ArrowDown';
        const shrink = props.axis === 'x' ? 'ArrowLeft' : 'ArrowUp';
        if (e.key === grow) props.onResize(props.size + direction * step);
        if (e.key === shrink) props.onResize(props.size - direction * step);
      }}
    />
  );
}
