/** Fans events out from the services to every connected transport (window, sockets). */
import type { EventName, EventPayloads } from '../../shared/ipc/contract.ts';
import type { EventMessage } from '../../shared/ipc/wire.ts';

export type EventListener = (event: EventMessage) => void;

export interface EventHub {
  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const event = { type: 'event', name, payload } as EventMessage;
      for (const listener of listeners) {
        try {
          listener(event);
        } catch (error) {
          // One broken transport must not starve the others; keep going, but say so.
          console.error(`[ipc] a listener of ${name} failed:`, error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
