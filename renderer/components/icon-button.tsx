import type { IconName } from './icon.tsx';
import { Icon } from './icon.tsx';

/** A small square button holding one icon; `label` is its accessible name and tooltip. */
export function IconButton(props: {
  icon: IconName;
  label: string;
  onClick: () => void;
  testId?: string;
  disabled?: boolean;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      title={props.label}
      aria-label={props.label}
      data-testid={props.testId}
      disabled={props.disabled}
      onClick={(event) => {
        event.stopPropagation();
        props.onClick();
      }}
    >
      <Icon name={props.icon} />
    </button>
  );
}
