import type { SliceCreator } from './app-state.ts';

/** A diagnostic the editor found in an open file (a type error, a schema violation). */
export interface EditorMarker {
  file: string;
  message: string;
  severity: 'error' | 'warning' | 'info';
  line: number;
  column: number;
}

/**
 * Problems found by the editor, beside the workspace's own (`snapshot.problems`), so the
 * problems panel lists both the way VS Code does.
 */
export interface ProblemsSlice {
  editorMarkers: Record<string, EditorMarker[]>;
  setEditorMarkers(file: string, markers: EditorMarker[]): void;
}

export const createProblemsSlice: SliceCreator<ProblemsSlice> = () => (set) => ({
  editorMarkers: {},
  setEditorMarkers: (file, markers) =>
    set((s) => {
      const next = { ...s.editorMarkers };
      if (markers.length === 0) delete next[file];
      else next[file] = markers;
      return { editorMarkers: next };
    }),
});
