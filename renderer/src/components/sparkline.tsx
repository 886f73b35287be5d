// A bare area chart for a stat card: no axes, fixed height, no animation (no jank on refresh).
// Colour comes from CSS `color` on the wrapper, so themes switch without re-rendering. Missing
// samples show as gaps.
import { useId } from 'react';
import { Area, AreaChart, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../../../common/api-contract.ts';
import { withGaps } from './series-gaps.ts';

export interface SparklineProps {
  points: SeriesPoint[];
  /** [min, max] of the y axis; 'auto' scales from zero to the data's max. */
  domain: [number, number] | 'auto';
  /** [from, to] of the time axis in Unix ms, so a young series grows from the right; default: the data's span. */
  timeDomain?: [number, number];
  /** CSS colour, e.g. var(--series-cpu). */
  color: string;
  /** What the chart shows, for screen readers. */
  label: string;
  height?: number;
}

export function Sparkline({ points, domain, timeDomain, color, label, height = 44 }: SparklineProps) {
  const gradientId = useId().replace(/:/g, '');
  return (
    <div className="sparkline" style={{ color, height }} role="img" aria-label={label}>
      {points.length > 1 ? (
        <AreaChart
          responsive
          data={withGaps(points)}
          margin={{ top: 2, right: 0, bottom: 0, left: 0 }}
          style={{ width: '100%', height }}
          accessibilityLayer={false}
        >
          <defs>
            <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" stopColor="currentColor" stopOpacity={0.28} />
              <stop offset="100%" stopColor="currentColor" stopOpacity={0.02} />
            </linearGradient>
          </defs>
          <XAxis dataKey="t" type="number" domain={timeDomain ?? ['dataMin', 'dataMax']} hide allowDataOverflow />
          <YAxis type="number" domain={domain === 'auto' ? [0, 'auto'] : domain} hide allowDataOverflow />
          <Area
            type="monotone"
            dataKey="v"
            stroke="currentColor"
            strokeWidth={1.5}
            fill={`url(#${gradientId})`}
            isAnimationActive={false}
            dot={false}
            activeDot={false}
          />
        </AreaChart>
      ) : (
        <div className="sparkline__empty" />
      )}
    </div>
  );
}
