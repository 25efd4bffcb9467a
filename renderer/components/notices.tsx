import { useEffect } from 'react';
import { useApp } from '../store/app-store-context.tsx';
import type { Notice } from '../store/notices-slice.ts';
import { Icon } from './icon.tsx';

/** Toasts for failed actions and confirmations, bottom-right; information ones go by themselves. */
export function Notices() {
  const notices = useApp((s) => s.notices);
  const dismiss = useApp((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <NoticeRow key={n.id} notice={n} dismiss={dismiss} />
      ))}
    </div>
  );
}

/** How long an information notice stays; errors stay until dismissed, they need reading. */
const INFO_MS = 6000;

function NoticeRow(props: { notice: Notice; dismiss: (id: number) => void }) {
  const { notice, dismiss } = props;
  useEffect(() => {
    if (notice.kind !== 'info') return;
    const timer = setTimeout(() => dismiss(notice.id), INFO_MS);
    return () => clearTimeout(timer);
  }, [notice, dismiss]);
  return (
    <div
      className={`notice ${notice.kind}`}
      role={notice.kind === 'error' ? 'alert' : 'status'}
      data-testid="notice"
    >
      <Icon name={notice.kind === 'error' ? 'error' : 'info'} />
      <span>{notice.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(notice.id)}>
        <Icon name="close" size={12} />
      </button>
    </div>
  );
}
