import { assertNever } from '../../../shared/assert-never.ts';
import type { SyncRowState } from './sync-rows.ts';

/** How each state reads in a badge and what it means, for the tooltip. */
export function syncStateText(state: SyncRowState): { label: string; hint: string } {
  switch (state) {
    case 'clean':
      return { label: 'clean', hint: 'the same here and on the server' };
    case 'ahead':
      return { label: 'ahead', hint: 'changed here; push to send it' };
    case 'behind':
      return { label: 'behind', hint: 'changed on the server; pull to get it' };
    case 'diverged':
      return { label: 'diverged', hint: 'changed here and on the server; pull to merge' };
    case 'conflicted':
      return { label: 'conflict', hint: 'both sides changed the same place; resolve it before pushing' };
    case 'offline':
      return { label: 'offline', hint: 'the server cannot be reached; your edits are kept' };
    case 'unauthorized':
      return { label: 'key rejected', hint: 'the server refused the API key; enter a valid one' };
    case 'unconfigured':
      return { label: 'no remote', hint: 'connect a pipeline store to sync and publish' };
    case 'online':
      return { label: 'online', hint: 'connected' };
    case 'unknown':
      return { label: 'unknown', hint: 'the server was not asked: fix the remote or key to compare' };
    default:
      return assertNever(state);
  }
}

/** A small coloured pill for one sync state; `data-state` lets tests read it. */
export function SyncBadge(props: { state: SyncRowState; testId?: string }) {
  const text = syncStateText(props.state);
  return (
    <span
      className={`sync-badge ${props.state}`}
      title={text.hint}
      data-testid={props.testId ?? 'sync-badge'}
      data-state={props.state}
    >
      {text.label}
    </span>
  );
}
