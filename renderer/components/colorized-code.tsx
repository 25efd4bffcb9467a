import { useEffect, useRef } from 'react';
import { loadMonaco } from '../monaco/load-monaco.ts';
import { DARK_THEME, LIGHT_THEME } from '../monaco/themes.ts';
import { useApi, useApp } from '../store/app-store-context.tsx';

/**
 * Read-only code with the editor's colours. The plain text shows at once; Monaco's colorizer
 * (loaded lazily, as for the editor) paints it when it arrives. React leaves the element's
 * children alone, since the colorizer replaces them.
 */
export function ColorizedCode(props: { code: string; testId?: string }) {
  const api = useApi();
  const theme = useApp((s) => s.theme);
  const notify = useApp((s) => s.notify);
  const ref = useRef<HTMLPreElement>(null);
  const { code } = props;
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.textContent = code;
    let live = true;
    loadMonaco(api, (warning) => notify('info', warning))
      .then(async ({ monaco }) => {
        // The colours come from the theme's token classes; the active theme is global in Monaco.
        monaco.editor.setTheme(theme === 'dark' ? DARK_THEME : LIGHT_THEME);
        const html = await monaco.editor.colorize(code, 'javascript', { tabSize: 2 });
        // Monaco's colorizer escapes the text itself; only its own spans are markup. Its line breaks
        // and non-breaking spaces go back to plain ones, so copied code is the template's own text.
        if (live) element.innerHTML = html.replace(/<br\s*\/?>/g, '\n').replace(/&nbsp;|&#160;|\u00a0/g, ' ');
      })
      .catch((error: unknown) => {
        // The plain text is still there to read; say why the colours are missing.
        notify('info', `The code is shown without colours: ${String(error)}`);
      });
    return () => {
      live = false;
    };
  }, [api, code, theme, notify]);
  return <pre ref={ref} className="code-preview" data-lang="javascript" data-testid={props.testId} />;
}
