// A duration with a bar showing its share of the longest one listed (span tables).
import { formatDuration } from '../format/duration.ts';

/** `sharePercent`: 0–100 of the longest; the bar never drops below 1% so short spans stay visible. */
export function DurationCell({ durationNano, sharePercent }: { durationNano: string; sharePercent: number }) {
  return (
    <span className="duration-cell">
      <span className="duration-cell__track" aria-hidden="true">
        <span className="duration-cell__bar" style={{ width: `${Math.max(sharePercent, 1)}%` }} />
      </span>
      <span className="duration-cell__text num">{formatDuration(durationNano)}</span>
    </span>
  );
}
