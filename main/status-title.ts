// The window title doubles as the receivers' status line: where OTLP can be sent, or that nothing listens.
import type { InfoResponse } from '../common/api-contract.ts';

export function statusTitle(info: Pick<InfoResponse, 'otlpHttp' | 'otlpGrpc'>, incidentTitle: string | null): string {
  const parts: string[] = [];
  if (info.otlpHttp.listening) parts.push(`OTLP/HTTP ${info.otlpHttp.endpoint.replace(/^https?:\/\//, '')}`);
  if (info.otlpGrpc.listening) parts.push(`gRPC ${info.otlpGrpc.endpoint.replace(/^https?:\/\//, '')}`);
  const receivers = parts.length === 0 ? 'receivers off' : `receiving on ${parts.join(', ')}`;
  return incidentTitle === null ? `Chokepoint — ${receivers}` : `Chokepoint — ${incidentTitle} (incident) · ${receivers}`;
}
