/** Carries the IPC contract over one WebSocket: calls in, results and events out (shared/ipc/wire.ts). */
import type { WebSocket } from 'ws';
import { parseClientMessage, type ResultMessage, type ServerMessage } from '../../shared/ipc/wire.ts';
import type { Services } from '../ipc/services.ts';

/** Frames larger than this are refused; the largest legitimate call is a file write. */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export function bridgeSocket(socket: WebSocket, services: Services): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = services.onEvent(send);
  socket.on('close', unsubscribe);
  socket.on('error', (error) => {
    console.error('[web] socket error:', error.message);
  });
  socket.on('message', (data, isBinary) => {
    const call = isBinary ? undefined : parseClientMessage(data.toString());
    if (call === undefined) {
      send({
        type: 'event',
        name: 'app.error',
        payload: {
          code: 'invalid-args',
          message: 'The studio received a malformed message from the page; reload the page.',
        },
      });
      return;
    }
    void services.handleCall(call.name, call.args).then((outcome) => {
      const result: ResultMessage = outcome.ok
        ? { type: 'result', id: call.id, ok: true, value: outcome.value as never }
        : { type: 'result', id: call.id, ok: false, error: outcome.error };
      send(result);
    });
  });
}
