/**
 * What a fresh context costs by itself, measured beside the executor benchmark: the floor under
 * any design that gives each run a new V8 context (node:vm's and ours), before a stage runs.
 */
import vm from 'node:vm';
import ivm from 'isolated-vm';
import { snapshotScripts, snapshotWarmup } from '../../main/sandbox/guest-source.ts';

export interface ContextFloor {
  /** Milliseconds per `vm.createContext()` with nothing in it. */
  nodeVmMs: number;
  /** Milliseconds per isolated-vm context from the sandbox's own snapshot (runtime and lodash). */
  sandboxMs: number;
}

function perCall(count: number, fn: () => void): number {
  for (let i = 0; i < Math.min(50, count); i++) fn();
  const start = performance.now();
  for (let i = 0; i < count; i++) fn();
  return (performance.now() - start) / count;
}

export function measureContextFloor(count = 500): ContextFloor {
  const nodeVmMs = perCall(count, () => {
    vm.createContext({});
  });
  const snapshot = ivm.Isolate.createSnapshot(snapshotScripts(), snapshotWarmup());
  const isolate = new ivm.Isolate({ memoryLimit: 128, snapshot });
  try {
    const sandboxMs = perCall(count, () => {
      isolate.createContextSync().release();
    });
    return { nodeVmMs, sandboxMs };
  } finally {
    isolate.dispose();
    snapshot.release();
  }
}
