import { EnvTable } from '../components/env-table.tsx';
import { EnvView } from '../components/env-view.tsx';
import { ExplorerView } from '../components/explorer-view.tsx';
import { LogsPanel } from '../components/logs-panel.tsx';
import { ProblemsPanel } from '../components/problems-panel.tsx';
import { SecretsView } from '../components/secrets-view.tsx';
import { TemplatePreview } from '../components/template-preview.tsx';
import { TemplatesView } from '../components/templates-view.tsx';
import { problemCount } from '../store/problem-rows.ts';
import { registerEditorView, registerPanel, registerSideView } from './view-registry.ts';

/** The shell's own views; features add theirs the same way (orders leave room between). */
export function registerBuiltinViews(): void {
  registerSideView({ id: 'explorer', title: 'Explorer', icon: 'files', order: 10, component: ExplorerView });
  registerSideView({
    id: 'templates',
    title: 'Templates',
    icon: 'templates',
    order: 30,
    component: TemplatesView,
  });
  registerSideView({ id: 'env', title: 'Environment', icon: 'env', order: 50, component: EnvView });
  registerSideView({ id: 'secrets', title: 'Secrets', icon: 'key', order: 60, component: SecretsView });
  registerPanel({
    id: 'problems',
    title: 'Problems',
    order: 10,
    component: ProblemsPanel,
    badge: problemCount,
  });
  registerPanel({ id: 'logs', title: 'Logs', order: 20, component: LogsPanel });
  registerEditorView({ id: 'template-preview', icon: 'templates', component: TemplatePreview });
  registerEditorView({ id: 'env-editor', icon: 'env', component: EnvTable, dirty: (s) => s.envDirty });
}
