/** What a host (Electron window, web host) needs from the services: one call entry and the event stream. */
import type { HostKind } from '../../shared/ipc/results.ts';
import type { HandleCall } from './dispatcher.ts';
import type { EventListener } from './event-hub.ts';

export interface Services {
  readonly host: HostKind;
  /** Validates and runs one call; never throws. */
  handleCall: HandleCall;
  /** Every event main pushes; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
  /** Stops the watcher and the sandbox host. */
  close(): Promise<void>;
}
