import { describe, expect, it } from 'vitest';
import { diffLines, formatDiff, hasConflictMarkers, merge3 } from '../../main/sync/diff3.ts';
import { mergeContent } from '../../main/sync/merge-content.ts';
import { compareContents, overallState } from '../../main/sync/status.ts';
import type { StoreContent, StoredStage } from '../../shared/store-api.ts';

const stage = (
  name: string,
  code = `function pipe(u, c, cb) {\n  cb(null, u, c);\n}\n`,
  extra: Partial<StoredStage> = {},
): StoredStage => ({
  name,
  file: `${name}.js`,
  enabled: true,
  async: false,
  timeoutSeconds: 3,
  terminateOnTimeout: false,
  description: '',
  code,
  ...extra,
});

const content = (stages: StoredStage[], env: Record<string, string> = {}, fixtures = {}): StoreContent => ({
  env,
  pipelines: { PRE_REGISTER: { stages, fixtures } },
});

describe('diff3 line merge', () => {
  const base = 'a\nb\nc\nd\ne\n';
  it('keeps both sides when they changed different lines, including inserts at both ends', () => {
    expect(merge3(base, 'a\nB\nc\nd\ne\n', 'a\nb\nc\nD\ne\n')).toEqual({
      clean: true,
      text: 'a\nB\nc\nD\ne\n',
      conflicts: 0,
    });
    expect(merge3(base, 'x\na\nb\nc\nd\ne\n', 'a\nb\nc\nd\ne\ny\n').text).toBe('x\na\nb\nc\nd\ne\ny\n');
    expect(merge3(base, 'a\nc\nd\ne\n', 'a\nb\nc\nd\n').text).toBe('a\nc\nd\n');
  });
  it('takes an identical change once', () => {
    expect(merge3(base, 'a\nX\nc\nd\ne\n', 'a\nX\nc\nd\ne\n')).toMatchObject({
      clean: true,
      text: 'a\nX\nc\nd\ne\n',
    });
  });
  it('marks overlapping different changes with both sides and the base', () => {
    const result = merge3(base, 'a\nL\nc\nd\ne\n', 'a\nR\nc\nd\ne\n');
    expect(result.clean).toBe(false);
    expect(result.text).toBe('a\n<<<<<<< local\nL\n||||||| base\nb\n=======\nR\n>>>>>>> remote\nc\nd\ne\n');
    expect(hasConflictMarkers(result.text)).toBe(true);
    expect(hasConflictMarkers('a <<<<<<< b')).toBe(false);
  });
  it('diffs lines for the review', () => {
    const text = formatDiff(diffLines('a\nb\nc\n', 'a\nB\nc\n'));
    expect(text.split('\n').slice(0, 4)).toEqual([' a', '-b', '+B', ' c']);
  });
});

describe('structured three-way merge', () => {
  it('merges env by key, settings by field, and a new stage from each side in place', () => {
    const base = content([stage('one'), stage('two')], { A: '1', B: '1' });
    const local = content([stage('one', undefined, { timeoutSeconds: 5 }), stage('mine'), stage('two')], {
      A: '2',
      B: '1',
    });
    const remote = content([stage('one', undefined, { description: 'd' }), stage('two'), stage('theirs')], {
      A: '1',
      B: '3',
      C: '1',
    });
    const merged = mergeContent(base, local, remote);
    expect(merged.conflicts).toEqual([]);
    expect(merged.content.env).toEqual({ A: '2', B: '3', C: '1' });
    const stages = merged.content.pipelines.PRE_REGISTER?.stages ?? [];
    expect(stages.map((s) => s.name)).toEqual(['one', 'mine', 'two', 'theirs']);
    expect(stages[0]).toMatchObject({ timeoutSeconds: 5, description: 'd' });
  });

  it('takes a reorder from one side and reports different reorders on both as an order conflict', () => {
    const base = content([stage('a'), stage('b'), stage('c')]);
    const oneSide = mergeContent(base, content([stage('c'), stage('a'), stage('b')]), base);
    expect(oneSide.content.pipelines.PRE_REGISTER?.stages.map((s) => s.name)).toEqual(['c', 'a', 'b']);
    const both = mergeContent(
      base,
      content([stage('c'), stage('a'), stage('b')]),
      content([stage('b'), stage('a'), stage('c')]),
    );
    expect(both.conflicts.map((c) => c.id)).toEqual(['PRE_REGISTER/order']);
    const resolved = mergeContent(
      base,
      content([stage('c'), stage('a'), stage('b')]),
      content([stage('b'), stage('a'), stage('c')]),
      {
        'PRE_REGISTER/order': { take: 'remote' },
      },
    );
    expect(resolved.conflicts).toEqual([]);
    expect(resolved.content.pipelines.PRE_REGISTER?.stages.map((s) => s.name)).toEqual(['b', 'a', 'c']);
  });

  it('reports a stage deleted on one side and changed on the other, and env and fixture conflicts', () => {
    const base = content([stage('a'), stage('b')], { K: '1' }, { f: { name: 'f', trigger: 'PRE_REGISTER' } });
    const local = content([stage('a')], { K: '2' }, { f: { name: 'local', trigger: 'PRE_REGISTER' } });
    const remote = content(
      [stage('a'), stage('b', 'function pipe() {}\n')],
      { K: '3' },
      { f: { name: 'remote', trigger: 'PRE_REGISTER' } },
    );
    const merged = mergeContent(base, local, remote);
    expect(merged.conflicts.map((c) => [c.id, c.kind]).sort()).toEqual([
      ['PRE_REGISTER/fixture/f', 'fixture'],
      ['PRE_REGISTER/stage/b', 'stage'],
      ['env/K', 'env'],
    ]);
    const env = merged.conflicts.find((c) => c.kind === 'env');
    expect(env).toMatchObject({ base: '1', local: '2', remote: '3', file: 'env.json' });
    const keep = mergeContent(base, local, remote, {
      'PRE_REGISTER/stage/b': { take: 'remote' },
      'env/K': { value: '9' },
      'PRE_REGISTER/fixture/f': { take: 'local' },
    });
    expect(keep.conflicts).toEqual([]);
    expect(keep.content.pipelines.PRE_REGISTER?.stages.map((s) => s.name)).toEqual(['a', 'b']);
    expect(keep.content.env.K).toBe('9');
  });
});

describe('status per item', () => {
  const base = content([stage('a'), stage('b')]);
  it('is clean, ahead, behind or diverged', () => {
    expect(overallState(compareContents(base, base, base))).toBe('clean');
    const local = content([stage('a', 'x'), stage('b')]);
    const remote = content([stage('a'), stage('b', 'y')]);
    expect(overallState(compareContents(base, local, base))).toBe('ahead');
    expect(overallState(compareContents(base, base, remote))).toBe('behind');
    const items = compareContents(base, local, remote);
    expect(overallState(items)).toBe('diverged');
    expect(items.map((i) => [i.name, i.state])).toEqual([
      ['a', 'ahead'],
      ['b', 'behind'],
    ]);
    expect(compareContents(base, local, local).map((i) => i.state)).toEqual(['clean']);
    expect(compareContents(base, local, undefined)).toEqual([
      {
        kind: 'stage',
        trigger: 'PRE_REGISTER',
        name: 'a',
        state: 'ahead',
        local: 'changed',
        remote: 'unknown',
      },
    ]);
  });
});
