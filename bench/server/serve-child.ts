// The benchmarked server in its own process: `node serve-child.ts DATA_DIR`, as `pipeline-studio serve`.
import { main } from '../../server/cli/main.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: serve-child.ts DATA_DIR');
process.exitCode = await main(['serve', '--port', '0', '--data', dir]);
