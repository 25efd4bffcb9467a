// A store server in its own process, for the crash test: `node crash-child.ts DATA_DIR`.
import { main } from '../../server/cli/main.ts';

const dir = process.argv[2];
if (!dir) throw new Error('usage: crash-child.ts DATA_DIR');
process.exitCode = await main(['serve', '--port', '0', '--data', dir]);
