import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker.js?worker';
import PipelineTsWorker from './pipeline-ts.worker.ts?worker';

/**
 * Tells Monaco where its workers are: bundled by Vite from the local package (never a CDN).
 * JavaScript gets our TypeScript worker, which types pipeline functions' parameters.
 */
export function installMonacoEnvironment(): void {
  (globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
    getWorker(_workerId: string, label: string): Worker {
      switch (label) {
        case 'json':
          return new JsonWorker({ name: 'json' });
        case 'typescript':
        case 'javascript':
          return new PipelineTsWorker({ name: 'typescript' });
        default:
          return new EditorWorker({ name: 'editor' });
      }
    },
  };
}
