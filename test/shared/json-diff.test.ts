import { describe, expect, it } from 'vitest';
import { diffJson } from '../../shared/json-diff.ts';

describe('diffJson', () => {
  it('reports nothing for equal values', () => {
    expect(diffJson({ a: 1, b: [1, { c: 'x' }] }, { a: 1, b: [1, { c: 'x' }] })).toEqual([]);
  });

  it('reports added, removed and changed keys with paths', () => {
    const before = { email: 'a@x.com', name: 'Ana', address: { city: 'Lisbon' } };
    const after = { email: 'a@y.com', address: { city: 'Lisbon', zip: '1000' }, tier: 'gold' };
    expect(diffJson(before, after, 'user')).toEqual([
      { kind: 'changed', path: 'user.email', before: 'a@x.com', after: 'a@y.com' },
      { kind: 'added', path: 'user.address.zip', after: '1000' },
      { kind: 'added', path: 'user.tier', after: 'gold' },
      { kind: 'removed', path: 'user.name', before: 'Ana' },
    ]);
  });

  it('compares arrays by index', () => {
    expect(diffJson({ roles: ['a'] }, { roles: ['a', 'b'] })).toEqual([
      { kind: 'added', path: 'roles[1]', after: 'b' },
    ]);
    expect(diffJson(['a', 'b'], ['a'])).toEqual([{ kind: 'removed', path: '[1]', before: 'b' }]);
  });

  it('treats a type change as one change', () => {
    expect(diffJson({ a: { b: 1 } }, { a: [1] })).toEqual([
      { kind: 'changed', path: 'a', before: { b: 1 }, after: [1] },
    ]);
    expect(diffJson(null, { a: 1 }, 'user')).toEqual([
      { kind: 'changed', path: 'user', before: null, after: { a: 1 } },
    ]);
  });

  it('quotes keys that are not identifiers', () => {
    expect(diffJson({}, { 'https://claims/role': 'admin' }, 'idToken')).toEqual([
      { kind: 'added', path: 'idToken["https://claims/role"]', after: 'admin' },
    ]);
  });
});
