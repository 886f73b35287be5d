// Sends a dropped incident file to the console backend as the raw body of PUT /api/incident/file, so the
// server streams it to disk instead of the page reading it into memory first.
import { API_PATHS } from '../../../common/api-paths.ts';
import type { IncidentState } from '../../../common/api-contract.ts';
import { ApiRequestError, errorFromResponse } from './api-error.ts';
import { getPreloadBridge } from './preload-bridge.ts';

export async function uploadIncidentFile(file: File): Promise<IncidentState> {
  if (getPreloadBridge()) {
    throw new ApiRequestError('BAD_REQUEST', 'In the desktop app, open incident files with File › Open Incident…', 'uploadIncident');
  }
  const url = `${API_PATHS.uploadIncident.path}?name=${encodeURIComponent(file.name)}`;
  let response: Response;
  try {
    response = await fetch(url, { method: API_PATHS.uploadIncident.method, body: file, headers: { accept: 'application/json' } });
  } catch {
    throw new ApiRequestError('UNREACHABLE', 'The console API is unreachable (network error).', 'uploadIncident');
  }
  const text = await response.text();
  if (!response.ok) throw errorFromResponse('uploadIncident', response.status, text);
  return JSON.parse(text) as IncidentState;
}
