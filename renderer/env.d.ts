/** Module shapes that Vite provides at build time (the renderer compiles with `"types": []`). */

declare module '*?worker' {
  /** A Worker constructor for the bundled worker script. */
  const WorkerConstructor: new (options?: { name?: string }) => Worker;
  // biome-ignore lint/style/noDefaultExport: Vite's `?worker` modules export their constructor as default.
  export default WorkerConstructor;
}

declare module '*.css';

/** Monaco's TypeScript worker class; the package ships no typings for this internal module. */
declare module 'monaco-editor/languages/features/typescript/tsWorker.js' {
  export class TypeScriptWorker {
    constructor(ctx: unknown, createData: unknown);
    _getScriptText(fileName: string): string | undefined;
  }
}

declare module 'monaco-editor/internal/common/initialize.js' {
  export function initialize(create: (ctx: unknown, createData: unknown) => unknown): void;
}
