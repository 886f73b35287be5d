// What the menu items do: the same API routes the console calls, with native dialogs around them.
import fs from 'node:fs';
import path from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { asChokepointError } from '../common/error-codes.ts';
import { handleApiRequest } from '../server/api-handlers.ts';
import type { Core } from '../server/core.ts';
import { EXPORT_RECENT_MINUTES, type MenuActions } from './app-menu.ts';

const INCIDENT_FILTERS = [
  { name: 'Incidents and OTLP JSON Lines', extensions: ['chokepoint', 'jsonl', 'json', 'gz'] },
  { name: 'All files', extensions: ['*'] },
];

export function menuActions(core: Core, window: BrowserWindow): MenuActions {
  // The console polls the incident and recording state, so it follows what the menu did within a second or two.
  const run = (what: string, action: () => Promise<unknown>): void => {
    action().catch((error: unknown) => {
      const failure = asChokepointError(error);
      dialog.showErrorBox(`Could not ${what}`, `${failure.message} (${failure.code})`);
    });
  };
  const recordingsDir = path.join(core.info().dataDir, 'recordings');
  const saveCopy = async (name: string): Promise<void> => {
    const target = await dialog.showSaveDialog(window, { defaultPath: name, filters: INCIDENT_FILTERS });
    if (!target.canceled && target.filePath !== undefined) await fs.promises.copyFile(path.join(recordingsDir, name), target.filePath);
  };
  return {
    openIncident: () =>
      run('open the incident', async () => {
        const chosen = await dialog.showOpenDialog(window, { properties: ['openFile'], filters: INCIDENT_FILTERS });
        const file = chosen.filePaths[0];
        if (!chosen.canceled && file !== undefined) await handleApiRequest(core, 'openIncident', { path: file });
      }),
    closeIncident: () => run('close the incident', () => handleApiRequest(core, 'closeIncident', {})),
    startRecording: () => run('start recording', () => handleApiRequest(core, 'startRecording', { title: '' })),
    stopRecording: () =>
      run('save the recording', async () => {
        const file = await handleApiRequest(core, 'stopRecording', {});
        await saveCopy(file.name);
      }),
    exportRecent: () =>
      run('export', async () => {
        const to = BigInt(Date.now()) * 1_000_000n;
        const from = to - BigInt(EXPORT_RECENT_MINUTES * 60) * 1_000_000_000n;
        const file = await handleApiRequest(core, 'exportRange', { fromUnixNano: from.toString(), toUnixNano: to.toString(), title: '' });
        await saveCopy(file.name);
      }),
  };
}
