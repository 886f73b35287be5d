// Where Chokepoint keeps its database when --data-dir is not given: the platform's app-data folder.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Chokepoint');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Chokepoint');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'chokepoint');
}
