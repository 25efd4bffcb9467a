import { initialize } from 'monaco-editor/internal/common/initialize.js';
import { TypeScriptWorker } from 'monaco-editor/languages/features/typescript/tsWorker.js';
import { fromShadow, isPipelineFile, type Shadow, shadowSource, toShadow } from './shadow-source.ts';

/** Results carry offsets as `start` (diagnostics) or `textSpan.start` / `applicableSpan.start`. */
interface Spanned {
  start?: number;
  textSpan?: { start: number; length: number };
  applicableSpan?: { start: number; length: number };
  replacementSpan?: { start: number; length: number };
  fileName?: string;
}

type Method = (fileName: string, ...rest: unknown[]) => Promise<unknown>;

/**
 * Monaco's TypeScript worker, checking pipeline files through their typed shadow
 * (shadow-source.ts). Position-taking methods are mapped both ways; features whose results
 * we do not map are turned off for JavaScript in monaco-setup.ts.
 */
class PipelineTsWorker extends TypeScriptWorker {
  readonly #shadows = new Map<string, { source: string; shadow: Shadow }>();

  shadowOf(fileName: string): Shadow | undefined {
    if (!isPipelineFile(fileName)) return undefined;
    const source = super._getScriptText(fileName);
    if (source === undefined) return undefined;
    const cached = this.#shadows.get(fileName);
    if (cached && cached.source === source) return cached.shadow;
    const shadow = shadowSource(source);
    this.#shadows.set(fileName, { source, shadow });
    return shadow;
  }

  override _getScriptText(fileName: string): string | undefined {
    return this.shadowOf(fileName)?.text ?? super._getScriptText(fileName);
  }
}

function mapSpans(value: unknown, shadow: Shadow, fileName: string): void {
  if (Array.isArray(value)) {
    for (const item of value) mapSpans(item, shadow, fileName);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const item = value as Spanned;
  if (item.fileName === undefined || item.fileName === fileName) {
    if (typeof item.start === 'number') item.start = fromShadow(shadow, item.start);
    if (item.textSpan) item.textSpan.start = fromShadow(shadow, item.textSpan.start);
    if (item.applicableSpan) item.applicableSpan.start = fromShadow(shadow, item.applicableSpan.start);
    if (item.replacementSpan) item.replacementSpan.start = fromShadow(shadow, item.replacementSpan.start);
  }
  for (const key of ['entries', 'items', 'highlightSpans', 'relatedInformation'] as const) {
    mapSpans((value as Record<string, unknown>)[key], shadow, fileName);
  }
}

/** Wraps a worker method: maps its position argument in, and the offsets of its result out. */
function mapMethod(name: string, positionArgs: number[], shadowInDiagnostics = false): void {
  const proto = TypeScriptWorker.prototype as unknown as Record<string, Method>;
  const original = proto[name];
  if (!original) return;
  (PipelineTsWorker.prototype as unknown as Record<string, Method>)[name] = async function (
    this: PipelineTsWorker,
    fileName: string,
    ...rest: unknown[]
  ) {
    const shadow = this.shadowOf(fileName);
    if (!shadow || shadow.at < 0) return original.call(this, fileName, ...rest);
    const args = rest.map((arg, i) =>
      positionArgs.includes(i) && typeof arg === 'number' ? toShadow(shadow, arg) : arg,
    );
    const result = await original.call(this, fileName, ...args);
    if (shadowInDiagnostics && Array.isArray(result)) {
      const inserted = (d: Spanned) =>
        (d.start ?? -1) >= shadow.at && (d.start ?? -1) < shadow.at + shadow.length;
      const kept = result.filter((d: Spanned) => !inserted(d));
      mapSpans(kept, shadow, fileName);
      return kept;
    }
    mapSpans(result, shadow, fileName);
    return result;
  };
}

for (const name of ['getSyntacticDiagnostics', 'getSemanticDiagnostics', 'getSuggestionDiagnostics']) {
  mapMethod(name, [], true);
}
for (const name of [
  'getCompletionsAtPosition',
  'getCompletionEntryDetails',
  'getSignatureHelpItems',
  'getQuickInfoAtPosition',
  'getDocumentHighlights',
]) {
  mapMethod(name, [0]);
}

self.onmessage = () => {
  initialize((ctx, createData) => new PipelineTsWorker(ctx, createData));
};
