import { afterEach, describe, expect, it } from 'vitest';
import { CallError, connectWebSocketBridge } from '../../renderer/ipc/web-socket-bridge.ts';

/** A stand-in for the browser's WebSocket: records what is sent, lets the test answer. */
class FakeSocket extends EventTarget {
  static OPEN = 1;
  static last: FakeSocket | undefined;
  readonly url: string;
  readyState = 0;
  sent: { id: number; name: string; args: unknown }[] = [];

  constructor(url: URL) {
    super();
    this.url = url.toString();
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = FakeSocket.OPEN;
      this.dispatchEvent(new Event('open'));
    });
  }

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  receive(message: unknown): void {
    this.dispatchEvent(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
}

const original = globalThis.WebSocket;
afterEach(() => {
  globalThis.WebSocket = original;
});

function connect(href: string) {
  globalThis.WebSocket = FakeSocket as unknown as typeof WebSocket;
  const url = new URL(href);
  return connectWebSocketBridge({ href: url.href, protocol: url.protocol, search: url.search } as Parameters<
    typeof connectWebSocketBridge
  >[0]);
}

/** Lets the socket open and the call be sent. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('WebSocket bridge', () => {
  it('connects to the wire path with the page token and resolves each call by its id', async () => {
    const bridge = connect('http://127.0.0.1:4321/?token=abc');
    const socket = FakeSocket.last as FakeSocket;
    expect(socket.url).toBe('ws://127.0.0.1:4321/ipc?token=abc');
    const first = bridge.api['file.read']({ relPath: 'a.js' });
    const second = bridge.api['file.read']({ relPath: 'b.js' });
    await tick();
    expect(socket.sent.map((m) => m.name)).toEqual(['file.read', 'file.read']);
    const [a, b] = socket.sent;
    socket.receive({ type: 'result', id: b?.id, ok: true, value: { relPath: 'b.js', text: 'B' } });
    socket.receive({ type: 'result', id: a?.id, ok: true, value: { relPath: 'a.js', text: 'A' } });
    expect((await first).text).toBe('A');
    expect((await second).text).toBe('B');
  });

  it('rejects with the host error, keeping its file and line for the UI', async () => {
    const bridge = connect('http://127.0.0.1:4321/');
    const socket = FakeSocket.last as FakeSocket;
    const call = bridge.api['workspace.open']({ path: '/nope' });
    await tick();
    socket.receive({
      type: 'result',
      id: socket.sent[0]?.id,
      ok: false,
      error: { code: 'not-found', message: '/nope does not exist. Choose another folder.' },
    });
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect((error as CallError).message).toContain('/nope does not exist');
    expect((error as CallError).detail.code).toBe('not-found');
  });

  it('delivers events to their listeners until unsubscribed', async () => {
    const bridge = connect('http://127.0.0.1:4321/');
    const socket = FakeSocket.last as FakeSocket;
    const states: string[] = [];
    const off = bridge.on('sandbox.state', ({ state }) => states.push(state));
    socket.receive({ type: 'event', name: 'sandbox.state', payload: { state: 'ready' } });
    off();
    socket.receive({ type: 'event', name: 'sandbox.state', payload: { state: 'closed' } });
    expect(states).toEqual(['ready']);
  });
});
