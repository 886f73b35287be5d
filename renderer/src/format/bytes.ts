// Byte sizes and byte rates in decimal (SI) units, as network tools show them.

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'] as const;

/** "0 B", "512 B", "1.5 kB", "12.3 MB", "1.02 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return '—';
  const negative = bytes < 0;
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = unit === 0 ? Math.round(value).toString() : significant(value);
  return `${negative ? '-' : ''}${text} ${UNITS[unit]}`;
}

/** "1.5 kB/s". */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  const text = formatBytes(bytesPerSecond);
  return text === '—' ? text : `${text}/s`;
}

function significant(value: number): string {
  const fixed = value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
