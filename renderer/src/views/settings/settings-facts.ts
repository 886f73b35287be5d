// What the Settings view lists: each server setting from the `info` route as a readable value, paired
// with the `chokepoint serve` flag that changes it. Pure, so the wording and units are tested.
import type { InfoResponse, ReceiverInfo } from '../../../../common/api-contract.ts';

export interface SettingFact {
  term: string;
  value: string;
  /** Shown as an On/Off badge next to the value. */
  state?: 'on' | 'off';
  /** A path or URL: shown as code with a copy button. */
  copyable?: boolean;
  /** The flag that changes it, e.g. "--otlp-http <port|off>". */
  flag?: string;
  hint: string;
}

export interface SettingsSections {
  receivers: SettingFact[];
  forwarding: SettingFact[];
  hostSampling: SettingFact[];
  storage: SettingFact[];
}

const DURATION_UNITS: { ms: number; one: string; many: string }[] = [
  { ms: 86_400_000, one: 'day', many: 'days' },
  { ms: 3_600_000, one: 'hour', many: 'hours' },
  { ms: 60_000, one: 'minute', many: 'minutes' },
  { ms: 1000, one: 'second', many: 'seconds' },
];

// The CLI reads sizes in binary multiples ("2GB" is 2 × 1024³ bytes), so they are shown that way.
const SIZE_UNITS: { bytes: number; name: string }[] = [
  { bytes: 1024 ** 4, name: 'TiB' },
  { bytes: 1024 ** 3, name: 'GiB' },
  { bytes: 1024 ** 2, name: 'MiB' },
  { bytes: 1024, name: 'KiB' },
];

/** The value in the largest unit it fills, when two decimals at most say it exactly. */
function inLargestUnit(value: number, unit: number): string | null {
  const scaled = value / unit;
  if (scaled < 1 || Math.round(scaled * 100) / 100 !== scaled) return null;
  return String(scaled);
}

/** "7 days", "1.5 hours", "1 second", "250 ms"; 0 or less is "no limit". */
export function formatSettingDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms <= 0) return 'no limit';
  for (const unit of DURATION_UNITS) {
    const text = inLargestUnit(ms, unit.ms);
    if (text !== null) return `${text} ${text === '1' ? unit.one : unit.many}`;
  }
  return `${ms} ms`;
}

/** "2 GiB", "512 MiB", "1.5 GiB"; 0 or less is "no limit". */
export function formatSettingSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  if (bytes <= 0) return 'no limit';
  for (const unit of SIZE_UNITS) {
    const text = inLargestUnit(bytes, unit.bytes);
    if (text !== null) return `${text} ${unit.name}`;
  }
  return `${bytes} B`;
}

function receiverFact(term: string, receiver: ReceiverInfo, flag: string, defaultPort: number): SettingFact {
  const on = receiver.listening && receiver.endpoint !== '';
  return {
    term,
    value: on ? receiver.endpoint : 'off',
    state: on ? 'on' : 'off',
    copyable: on,
    flag,
    hint: `a port, or off (default ${defaultPort})`,
  };
}

/**
 * @param consoleAddress  where this console is served (e.g. http://127.0.0.1:8686); null in the desktop app
 */
export function settingsSections(info: InfoResponse, consoleAddress: string | null): SettingsSections {
  const forwarding = info.forwardingTo !== '';
  return {
    receivers: [
      receiverFact('OTLP/HTTP', info.otlpHttp, '--otlp-http <port|off>', 4318),
      receiverFact('OTLP/gRPC', info.otlpGrpc, '--otlp-grpc <port|off>', 4317),
      {
        term: 'Console',
        value: consoleAddress ?? 'desktop app (no port)',
        copyable: consoleAddress !== null,
        flag: '--port <port>',
        hint: 'the console and its JSON API (default 8686)',
      },
    ],
    forwarding: [
      {
        term: 'Forward to',
        value: forwarding ? info.forwardingTo : 'off',
        state: forwarding ? 'on' : 'off',
        copyable: forwarding,
        flag: '--forward-to <url>',
        hint: 'an OTLP/HTTP endpoint that gets a copy of everything received (off unless set)',
      },
    ],
    hostSampling: [
      {
        term: 'Sampling',
        value: info.hostMetrics.enabled ? 'on' : 'off',
        state: info.hostMetrics.enabled ? 'on' : 'off',
        flag: '--host-metrics on|off',
        hint: 'CPU, memory, disk and network of this machine (default on)',
      },
      {
        term: 'Interval',
        value: `every ${formatSettingDuration(info.hostMetrics.intervalMs)}`,
        flag: '--host-metrics-interval <duration>',
        hint: 'e.g. 500ms, 1s, 5s (default 1s)',
      },
    ],
    storage: [
      { term: 'Data folder', value: info.dataDir, copyable: true, flag: '--data-dir <dir>', hint: 'where the database lives' },
      { term: 'Database file', value: info.databaseFile, copyable: true, hint: 'kept inside the data folder' },
      {
        term: 'Keep data for',
        value: formatSettingDuration(info.retention.maxAgeMs),
        flag: '--retention-age <duration>',
        hint: 'e.g. 12h, 7d (default 7d)',
      },
      {
        term: 'Size limit',
        value: formatSettingSize(info.retention.maxBytes),
        flag: '--retention-size <size>',
        hint: 'e.g. 512MB, 2GB, where 1GB is 1024MB (default 2GB)',
      },
    ],
  };
}

/** The key `--set` and the Backtest panel use for one threshold: "pool-exhaustion.waitP95Ms". */
export function thresholdKey(ruleId: string, name: string): string {
  return `${ruleId}.${name}`;
}
