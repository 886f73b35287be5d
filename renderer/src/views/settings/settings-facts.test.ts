import { describe, expect, it } from 'vitest';
import type { InfoResponse } from '../../../../common/api-contract.ts';
import { formatSettingDuration, formatSettingSize, settingsSections, thresholdKey } from './settings-facts.ts';
import type { SettingFact } from './settings-facts.ts';

const info: InfoResponse = {
  version: '1.2.3',
  dataDir: '/home/me/.local/share/chokepoint',
  databaseFile: '/home/me/.local/share/chokepoint/chokepoint.db',
  databaseMovedAside: '',
  otlpHttp: { endpoint: 'http://127.0.0.1:4318', listening: true },
  otlpGrpc: { endpoint: '', listening: false },
  hostMetrics: { enabled: true, intervalMs: 1000 },
  forwardingTo: '',
  retention: { maxAgeMs: 7 * 86_400_000, maxBytes: 2 * 1024 ** 3 },
  rulesIntervalMs: 5000,
};

const fact = (facts: SettingFact[], term: string): SettingFact | undefined => facts.find((f) => f.term === term);

describe('formatSettingDuration', () => {
  it('uses the largest unit that says the value exactly', () => {
    expect(formatSettingDuration(7 * 86_400_000)).toBe('7 days');
    expect(formatSettingDuration(90 * 60_000)).toBe('1.5 hours');
    expect(formatSettingDuration(1000)).toBe('1 second');
    expect(formatSettingDuration(5000)).toBe('5 seconds');
    expect(formatSettingDuration(250)).toBe('250 ms');
    expect(formatSettingDuration(1234)).toBe('1234 ms');
  });

  it('calls zero "no limit", since the server then skips that limit', () => {
    expect(formatSettingDuration(0)).toBe('no limit');
  });
});

describe('formatSettingSize', () => {
  it('reads binary sizes the way --retention-size takes them', () => {
    expect(formatSettingSize(2 * 1024 ** 3)).toBe('2 GiB');
    expect(formatSettingSize(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatSettingSize(1.5 * 1024 ** 3)).toBe('1.5 GiB');
    expect(formatSettingSize(100)).toBe('100 B');
    expect(formatSettingSize(0)).toBe('no limit');
  });
});

describe('settingsSections', () => {
  it('shows forwarding as off when forwardingTo is empty, and the URL when set', () => {
    expect(fact(settingsSections(info, null).forwarding, 'Forward to')).toMatchObject({ value: 'off', state: 'off', copyable: false });
    const on = settingsSections({ ...info, forwardingTo: 'http://collector:4318' }, null);
    expect(fact(on.forwarding, 'Forward to')).toMatchObject({ value: 'http://collector:4318', state: 'on', copyable: true, flag: '--forward-to <url>' });
  });

  it('shows each receiver endpoint, or off when it is not listening', () => {
    const { receivers } = settingsSections(info, 'http://127.0.0.1:8686');
    expect(fact(receivers, 'OTLP/HTTP')).toMatchObject({ value: 'http://127.0.0.1:4318', state: 'on', flag: '--otlp-http <port|off>' });
    expect(fact(receivers, 'OTLP/gRPC')).toMatchObject({ value: 'off', state: 'off', flag: '--otlp-grpc <port|off>' });
    expect(fact(receivers, 'Console')).toMatchObject({ value: 'http://127.0.0.1:8686', flag: '--port <port>' });
  });

  it('says the desktop app has no console port', () => {
    expect(fact(settingsSections(info, null).receivers, 'Console')).toMatchObject({ value: 'desktop app (no port)', copyable: false });
  });

  it('puts retention and the sampling interval in readable units', () => {
    const { storage, hostSampling } = settingsSections(info, null);
    expect(fact(storage, 'Keep data for')?.value).toBe('7 days');
    expect(fact(storage, 'Size limit')?.value).toBe('2 GiB');
    expect(fact(hostSampling, 'Interval')?.value).toBe('every 1 second');
    expect(fact(hostSampling, 'Sampling')).toMatchObject({ value: 'on', state: 'on', flag: '--host-metrics on|off' });
    expect(fact(settingsSections({ ...info, hostMetrics: { enabled: false, intervalMs: 1000 } }, null).hostSampling, 'Sampling')?.state).toBe('off');
  });

  it('names the real serve flags for storage', () => {
    const flags = settingsSections(info, null).storage.map((f) => f.flag);
    expect(flags).toEqual(['--data-dir <dir>', undefined, '--retention-age <duration>', '--retention-size <size>']);
  });
});

describe('thresholdKey', () => {
  it('joins rule id and threshold name as --set expects', () => {
    expect(thresholdKey('pool-exhaustion', 'waitP95Ms')).toBe('pool-exhaustion.waitP95Ms');
  });
});
