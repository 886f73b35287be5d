import { describe, expect, it } from 'vitest';
import { statusTitle } from './status-title.ts';

describe('window title as status line', () => {
  it('says where to send OTLP, and which incident is open', () => {
    const info = { otlpHttp: { endpoint: 'http://127.0.0.1:4318', listening: true }, otlpGrpc: { endpoint: 'http://127.0.0.1:4317', listening: true } };
    expect(statusTitle(info, null)).toBe('Chokepoint — receiving on OTLP/HTTP 127.0.0.1:4318, gRPC 127.0.0.1:4317');
    expect(statusTitle(info, 'checkout outage')).toBe('Chokepoint — checkout outage (incident) · receiving on OTLP/HTTP 127.0.0.1:4318, gRPC 127.0.0.1:4317');
  });

  it('says so when no receiver listens (ports taken or turned off)', () => {
    const off = { endpoint: '', listening: false };
    expect(statusTitle({ otlpHttp: off, otlpGrpc: off }, null)).toBe('Chokepoint — receivers off');
  });
});
