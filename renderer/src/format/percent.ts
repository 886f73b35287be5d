// Ratios (0..1) as percentages.

/** "0%", "0.4%", "42.1%", "100%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  const percent = ratio * 100;
  if (percent === 0) return '0%';
  const abs = Math.abs(percent);
  if (abs < 0.05) return percent < 0 ? '>-0.1%' : '<0.1%';
  const text = abs >= 99.95 && abs < 100 ? '99.9' : abs >= 100 ? percent.toFixed(0) : percent.toFixed(1);
  return `${text.replace(/\.0$/, '')}%`;
}
