// Method and path of every console API route: the part of the route table the renderer needs,
// kept free of zod so the browser bundle does not carry the validators.

export const API_PATHS = {
  health: { method: 'GET', path: '/api/health' },
  info: { method: 'GET', path: '/api/info' },
  services: { method: 'GET', path: '/api/services' },
  recentSpans: { method: 'GET', path: '/api/spans/recent' },
  operations: { method: 'GET', path: '/api/operations' },
  trace: { method: 'GET', path: '/api/traces/:traceId' },
  traceOutline: { method: 'GET', path: '/api/traces/:traceId/outline' },
  traceSpan: { method: 'GET', path: '/api/traces/:traceId/spans/:spanId' },
  hostOverview: { method: 'GET', path: '/api/host' },
  serviceMap: { method: 'GET', path: '/api/service-map' },
  metrics: { method: 'GET', path: '/api/metrics' },
  metricSeries: { method: 'GET', path: '/api/metrics/series' },
  findings: { method: 'GET', path: '/api/findings' },
  incident: { method: 'GET', path: '/api/incident' },
  openIncident: { method: 'POST', path: '/api/incident' },
  closeIncident: { method: 'DELETE', path: '/api/incident' },
  uploadIncident: { method: 'PUT', path: '/api/incident/file' },
  rerunIncident: { method: 'POST', path: '/api/incident/rerun' },
  rules: { method: 'GET', path: '/api/rules' },
  recording: { method: 'GET', path: '/api/recording' },
  startRecording: { method: 'POST', path: '/api/recording' },
  stopRecording: { method: 'DELETE', path: '/api/recording' },
  recordings: { method: 'GET', path: '/api/recordings' },
  exportRange: { method: 'POST', path: '/api/recordings' },
} as const;

/** Where the console downloads a recording file: RECORDINGS_PATH + name. */
export const RECORDINGS_PATH = '/recordings/';

/** Messages pushed to the console over the live channel (WebSocket at LIVE_PATH, or IPC in Electron). */
export const LIVE_PATH = '/api/live';
