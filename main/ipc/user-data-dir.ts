/** Where a host keeps its own state (recent workspaces, the web host's secrets): the OS's per-user config folder. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultUserDataDir(appName = 'pipeline-studio'): string {
  const override = process.env.PIPELINE_STUDIO_USER_DATA;
  if (override !== undefined && override !== '') return override;
  switch (process.platform) {
    case 'darwin':
      return join(homedir(), 'Library', 'Application Support', appName);
    case 'win32':
      return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), appName);
    default:
      return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), appName);
  }
}
