// Ages ("12s ago") and wall-clock times for timestamps in Unix milliseconds.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "12s ago", "5m ago", "3h ago", "2d ago"; future times (clock skew) read "in 5s". */
export function formatRelativeTime(thenMs: number, nowMs: number): string {
  if (!Number.isFinite(thenMs) || !Number.isFinite(nowMs)) return '—';
  const diff = nowMs - thenMs;
  const abs = Math.abs(diff);
  if (abs < 2 * SECOND) return 'just now';
  const text =
    abs < MINUTE
      ? `${Math.floor(abs / SECOND)}s`
      : abs < HOUR
        ? `${Math.floor(abs / MINUTE)}m`
        : abs < DAY
          ? `${Math.floor(abs / HOUR)}h`
          : `${Math.floor(abs / DAY)}d`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

function pad(value: number, width = 2): string {
  return value.toString().padStart(width, '0');
}

/** Local wall-clock time "14:03:22.123" (or "14:03:22" without milliseconds). */
export function formatClockTime(ms: number, withMillis = true): string {
  if (!Number.isFinite(ms)) return '—';
  const date = new Date(ms);
  const base = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return withMillis ? `${base}.${pad(date.getMilliseconds(), 3)}` : base;
}

/** Local date and time "2024-01-02 14:03:22.123". */
export function formatTimestamp(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  const date = new Date(ms);
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClockTime(ms)}`;
}
