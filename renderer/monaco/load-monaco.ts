import type { Api } from '../../shared/ipc/contract.ts';
import { errorMessage } from '../store/app-state.ts';

type Setup = typeof import('./monaco-setup.ts');

let loading: Promise<Setup> | null = null;

/**
 * Loads Monaco on first use (a separate chunk, so the shell is ready long before the editor's
 * few megabytes arrive) and feeds it the pipeline types and JSON schemas from the host.
 */
export function loadMonaco(api: Api, report: (warning: string) => void): Promise<Setup> {
  loading ??= (async () => {
    const setup = await import('./monaco-setup.ts');
    const [types, schemas] = await Promise.allSettled([api['types.get'](), api['schemas.get']()]);
    if (types.status === 'fulfilled') setup.applyPipelineTypes(types.value);
    else report(`Pipeline IntelliSense is off: ${errorMessage(types.reason)}`);
    if (schemas.status === 'fulfilled') setup.applyJsonSchemas(schemas.value);
    else report(`JSON validation is off: ${errorMessage(schemas.reason)}`);
    return setup;
  })();
  // A failed load (a chunk missing after the studio was rebuilt, a dropped connection) is not
  // kept: the next editor that opens tries again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
