import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app.tsx';
import {
  connectPipelineFeatures,
  registerPipelineViews,
} from './features/canvas/register-pipeline-features.ts';
import { connectSyncEvents, registerSyncViews } from './features/sync/register-sync.ts';
import { connectBridge } from './ipc/bridge.ts';
import { createAppStore } from './store/app-store.ts';
import { AppStoreProvider } from './store/app-store-context.tsx';
import { connectEvents } from './store/connect-events.ts';
import { registerBuiltinViews } from './views/builtin-views.ts';
import './styles/theme.css';
import './styles/layout.css';
import './styles/controls.css';
import './styles/views.css';

registerBuiltinViews();
registerPipelineViews();
registerSyncViews();
const bridge = connectBridge();
const store = createAppStore(bridge.api);
connectEvents(store, bridge.on);
connectPipelineFeatures(store, bridge.on);
connectSyncEvents(store, bridge.on);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');
createRoot(container).render(
  <StrictMode>
    <AppStoreProvider store={store} api={bridge.api}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
);
