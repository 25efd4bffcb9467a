import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsFreshContext } from '../../main/sandbox/isolate-slot.ts';

describe('which pipelines get a fresh context per run', () => {
  it('code that writes to a built-in or to lodash itself', () => {
    for (const code of [
      'Date.prototype.format = function () { return "x"; };',
      'Math.round2 = (x) => Math.round(x * 100) / 100;',
      'JSON["safe"] = 1;',
      'Object.defineProperty(Date.prototype, "x", { value: 1 });',
      'Object.assign(Math, { a: 1 });',
      'Reflect.set(Intl, "x", 1);',
      'delete Math.random;',
      'Array.prototype.last = function () {};',
      'Error.stackTraceLimit = 50;',
      'Date.now = () => 0;',
      'Number.prototype.pad ||= function () {};',
      'globalThis.Date = FakeDate;',
      "const _ = require('lodash'); _.mixin({ a: () => 1 });",
      '_.templateSettings.interpolate = /{{([\\s\\S]+?)}}/g;',
    ]) {
      expect(needsFreshContext([`function pipe(u, c, cb) { ${code} cb(null, u, c); }`]), code).toBe(true);
    }
  });

  it('code that only reads built-ins, or writes to its own objects', () => {
    for (const code of [
      'const t = Date.now(); if (Math.max(1, 2) === 2 && Object.keys(u).length >= 1) u.x = t;',
      'u.Date = 1; c.Math = { round: 1 }; const map = new Map(); map.set(String(u.id), 1);',
      'Object.assign(u, { a: 1 }); Object.defineProperty(u, "b", { value: 2 });',
      'if (JSON.stringify(u) == "{}") return; const e = new Error("x"); e.code = "E1";',
      'const seen = Array.from(new Set([1])); seen.push(Number(u.age) <= 3);',
    ]) {
      expect(needsFreshContext([`function pipe(u, c, cb) { ${code} cb(null, u, c); }`]), code).toBe(false);
    }
  });

  it('no library template needs one', () => {
    const root = join(import.meta.dirname, '../../templates');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith('.js')) files.push(join(dir, entry.name));
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThanOrEqual(26);
    for (const file of files) expect(needsFreshContext([readFileSync(file, 'utf8')]), file).toBe(false);
  });
});
