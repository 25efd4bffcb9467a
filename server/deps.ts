import type { Db } from './db/adapter.ts';
import type { Metrics } from './metrics.ts';
import type { Runtime } from './runtime/runtime.ts';
import type { SecretBox } from './secret-box.ts';

/** What route handlers use; nothing here holds state another server instance would need. */
export interface ServerDeps {
  db: Db;
  box: SecretBox;
  metrics: Metrics;
  runtime: Runtime;
}
