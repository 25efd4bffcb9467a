import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from '../../main/ipc/dispatcher.ts';
import { buildApi, CALL_NAMES, EVENT_NAMES, isCallName, unwrapOutcome } from '../../shared/ipc/channels.ts';
import { callArgs } from '../../shared/ipc/contract.ts';
import { parseClientMessage, parseServerMessage } from '../../shared/ipc/wire.ts';

/** Handlers that echo their parsed arguments, to see exactly what validation let through. */
function echoHandlers(): Handlers {
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) handlers[name] = async (args) => ({ echoed: args });
  return handlers as unknown as Handlers;
}

describe('the contract map', () => {
  it('lists the same calls in the schemas and in the zod-free name list', () => {
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(callArgs).sort());
    expect(CALL_NAMES).toContain('run.stages');
    expect(EVENT_NAMES).toEqual(
      expect.arrayContaining([
        'app.error',
        'menu.command',
        'run.progress',
        'sandbox.state',
        'workspace.changed',
      ]),
    );
  });

  it('builds one method per call that sends its own name', async () => {
    const sent: string[] = [];
    const api = buildApi(async (name, args) => {
      sent.push(`${name}:${JSON.stringify(args)}`);
      return name;
    });
    expect(await api['stage.add']({ trigger: 'PRE_REGISTER', name: 'a' })).toBe('stage.add');
    expect(await api['app.info']()).toBe('app.info');
    expect(sent).toEqual(['stage.add:{"trigger":"PRE_REGISTER","name":"a"}', 'app.info:{}']);
    expect(Object.keys(api).sort()).toEqual([...CALL_NAMES].sort());
    expect(isCallName('toString')).toBe(false);
  });

  it('rejects with the plain IpcError object so it survives contextBridge', async () => {
    const error = { code: 'not-found' as const, message: 'gone' };
    await expect(unwrapOutcome({ ok: false, error })).rejects.toEqual(error);
    await expect(unwrapOutcome({ ok: true, value: 3 })).resolves.toBe(3);
  });
});

describe('argument validation at the boundary', () => {
  const handle = createDispatcher(echoHandlers());

  it('passes valid arguments with defaults applied', async () => {
    const outcome = await handle('fixture.write', {
      trigger: 'PRE_REGISTER',
      id: 'ok',
      fixture: { name: 'n', trigger: 'PRE_REGISTER' },
    });
    expect(outcome.ok).toBe(true);
    const value = (outcome as { value: { echoed: { fixture: { http: unknown[]; context: object } } } }).value;
    expect(value.echoed.fixture.http).toEqual([]);
    expect(value.echoed.fixture.context).toEqual({});
  });

  it.each([
    ['stage.add', { trigger: 'PRE_REGISTER', name: '../evil' }, 'name'],
    ['stage.add', { trigger: 'NOT_A_TRIGGER', name: 'ok' }, 'trigger'],
    [
      'stage.setSettings',
      { trigger: 'PRE_REGISTER', name: 'a', settings: { timeoutSeconds: 99 } },
      'settings.timeoutSeconds',
    ],
    ['stage.reorder', { trigger: 'PRE_REGISTER', names: ['a', 7] }, 'names.1'],
    ['file.read', { relPath: '../outside.txt' }, 'relPath'],
    ['file.read', { relPath: '/etc/passwd' }, 'relPath'],
    ['file.write', { relPath: 'env.json' }, 'text'],
    [
      'fixture.write',
      { trigger: 'PRE_REGISTER', id: 'x', fixture: { name: 'n', trigger: 'PRE_REGISTER', now: 'yesterday' } },
      'fixture.now',
    ],
    ['secrets.set', { name: 'not a name', value: 'v' }, 'name'],
    ['env.write', { env: { 'BAD KEY': 'v' } }, 'env.BAD KEY'],
    ['run.stages', { trigger: 'PRE_REGISTER', stagesOverride: [] }, 'fixtureId'],
    [
      'run.all',
      { trigger: 'PRE_REGISTER', stagesOverride: [{ name: 'a', timeoutSeconds: 0 }] },
      'stagesOverride.0.timeoutSeconds',
    ],
  ])('%s rejects %j at %s', async (call, args, path) => {
    const outcome = await handle(call, args);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.code).toBe('invalid-args');
    expect(outcome.error.path).toBe(path);
    expect(outcome.error.message).toContain(`Invalid arguments for ${call}: ${path}`);
  });

  it('rejects unknown fields, naming them', async () => {
    const outcome = await handle('workspace.open', { path: '/tmp/x', evil: true });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(!outcome.ok && outcome.error.message).toContain('evil');
  });

  it('refuses a call that is not in the contract', async () => {
    const outcome = await handle('process.exit', {});
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
    const proto = await handle('__proto__', {});
    expect(proto).toMatchObject({ ok: false, error: { code: 'unknown-call' } });
  });
});

describe('the wire protocol', () => {
  it('parses calls and refuses anything else', () => {
    expect(parseClientMessage('{"type":"call","id":1,"name":"app.info","args":{}}')).toEqual({
      type: 'call',
      id: 1,
      name: 'app.info',
      args: {},
    });
    expect(parseClientMessage('{"type":"call","id":"1","name":"app.info"}')).toBeUndefined();
    expect(parseClientMessage('{"type":"result","id":1}')).toBeUndefined();
    expect(parseClientMessage('not json')).toBeUndefined();
    expect(parseClientMessage('[1]')).toBeUndefined();
  });

  it('parses results and events from the host', () => {
    expect(parseServerMessage('{"type":"result","id":2,"ok":true,"value":1}')).toMatchObject({
      id: 2,
      ok: true,
    });
    expect(
      parseServerMessage('{"type":"event","name":"sandbox.state","payload":{"state":"ready"}}'),
    ).toMatchObject({
      name: 'sandbox.state',
    });
    expect(parseServerMessage('{"type":"result","id":2}')).toBeUndefined();
  });
});
