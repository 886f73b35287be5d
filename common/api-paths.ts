// Method and path of every console API route: the part of the route table the renderer needs,
// kept free of zod so the browser bundle does not carry the validators.

export const API_PATHS = {
  health: { method: 'GET', path: '/api/health' },
  info: { method: 'GET', path: '/api/info' },
  services: { method: 'GET', path: '/api/services' },
  recentSpans: { method: 'GET', path: '/api/spans/recent' },
  trace: { method: 'GET', path: '/api/traces/:traceId' },
  hostOverview: { method: 'GET', path: '/api/host' },
  findings: { method: 'GET', path: '/api/findings' },
  incident: { method: 'GET', path: '/api/incident' },
  openIncident: { method: 'POST', path: '/api/incident' },
  closeIncident: { method: 'DELETE', path: '/api/incident' },
} as const;

/** Messages pushed to the console over the live channel (WebSocket at LIVE_PATH, or IPC in Electron). */
export const LIVE_PATH = '/api/live';
