// Counts and per-second rates, compact enough for a tile and stable enough not to jitter.

const COUNT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** "1,234,567" — exact, grouped. */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return '—';
  return COUNT_FORMAT.format(Math.round(value));
}

const SUFFIXES = ['', 'k', 'M', 'G', 'T'] as const;

/** "0", "0.4", "12.3", "999", "1.23k", "45.6M" — three significant digits. */
export function formatCompact(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const negative = value < 0;
  let scaled = Math.abs(value);
  let index = 0;
  while (scaled >= 999.5 && index < SUFFIXES.length - 1) {
    scaled /= 1000;
    index += 1;
  }
  let text: string;
  if (scaled === 0) text = '0';
  else if (scaled >= 100) text = scaled.toFixed(0);
  else if (scaled >= 10) text = trim(scaled.toFixed(1));
  else if (scaled < 0.05 && index === 0) text = scaled < 0.005 ? '0' : trim(scaled.toFixed(2));
  else text = trim(scaled.toFixed(index === 0 ? 1 : 2));
  return `${negative && text !== '0' ? '-' : ''}${text}${SUFFIXES[index]}`;
}

/** "12.3/s". */
export function formatRate(perSecond: number): string {
  const text = formatCompact(perSecond);
  return text === '—' ? text : `${text}/s`;
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}
