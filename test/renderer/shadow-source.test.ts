import { describe, expect, it } from 'vitest';
import {
  fromShadow,
  isPipelineFile,
  PIPE_CONTEXT_ONLY_TYPE,
  PIPE_TYPE,
  shadowSource,
  toShadow,
} from '../../renderer/monaco/shadow-source.ts';

describe('pipeline shadow source', () => {
  it('types a three-parameter pipe and keeps every other character in place', () => {
    const text = '// hi\nasync function pipe(user, context, callback) {\n  user.emial;\n}\n';
    const shadow = shadowSource(text);
    expect(shadow.text).toContain(`/** @type {${PIPE_TYPE}Async} */ async function pipe(`);
    const at = text.indexOf('emial');
    expect(shadow.text.slice(toShadow(shadow, at), toShadow(shadow, at) + 5)).toBe('emial');
    expect(fromShadow(shadow, toShadow(shadow, at))).toBe(at);
    expect(fromShadow(shadow, 2)).toBe(2);
  });

  it('uses the context-only shape for PRE_REGISTER two-parameter functions', () => {
    expect(shadowSource('function pipe(context, callback) {}').text).toContain(PIPE_CONTEXT_ONLY_TYPE);
  });

  it('leaves a function alone whose JSDoc already types it', () => {
    const text = '/**\n * @param {PipelineUser} user\n */\nasync function pipe(user, context, callback) {}';
    expect(shadowSource(text)).toEqual({ text, at: -1, length: 0 });
  });

  it('still types a function whose JSDoc only describes it', () => {
    const text = '/** Allows some domains. */\nasync function pipe(user, context, callback) {}';
    expect(shadowSource(text).at).toBe(text.indexOf('async'));
  });

  it('maps offsets inside the inserted text to its start', () => {
    const shadow = shadowSource('x;function pipe(a, b, c) {}');
    expect(fromShadow(shadow, shadow.at + 3)).toBe(shadow.at);
  });

  it('knows pipeline files by path', () => {
    expect(isPipelineFile('file:///workspace/pipelines/PRE_REGISTER/a.js')).toBe(true);
    expect(isPipelineFile('file:///workspace/fixtures/PRE_REGISTER/a.json')).toBe(false);
  });
});
