import type * as MonacoNs from 'monaco-editor';

export const LIGHT_THEME = 'pipeline-studio-light';
export const DARK_THEME = 'pipeline-studio-dark';

/** Editor themes matching the shell's CSS variables (styles/theme.css), so panes blend in. */
export function defineThemes(monaco: typeof MonacoNs): void {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: 'vs',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#ffffff',
      'editorLineNumber.foreground': '#9aa1ab',
      'editorGutter.background': '#ffffff',
      'editor.lineHighlightBackground': '#f3f5f8',
    },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [],
    colors: {
      'editor.background': '#1b1d22',
      'editorGutter.background': '#1b1d22',
      'editorLineNumber.foreground': '#5c6370',
      'editor.lineHighlightBackground': '#23262d',
    },
  });
}
