// One evidence series over time: the line, the threshold it was judged against, the onset and the span
// the condition held (shaded), and — in an incident — the playhead. Colours come from CSS (themes).
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { EvidenceSeries } from '../../../../common/findings.ts';
import { niceTicks } from '../../components/nice-ticks.ts';
import { nanosToMillis } from '../../format/duration.ts';
import { formatMetricValue } from '../../format/metric-value.ts';
import { formatClockTime } from '../../format/relative-time.ts';
import { summarizeEvidenceSeries } from '../../findings/finding-facts.ts';
import { alignedTicks } from '../../timeline/timeline-math.ts';

const HEIGHT = 180;
const MAX_TICKS = 6;

export interface EvidenceChartProps {
  series: EvidenceSeries;
  onsetMs: number;
  endMs: number;
  /** The incident's playhead, drawn when inside the chart. */
  playheadMs: number | null;
}

export function EvidenceChart({ series, onsetMs, endMs, playheadMs }: EvidenceChartProps) {
  const points = series.points
    .map((point) => ({ t: nanosToMillis(point.timeUnixNano), v: point.value }))
    .filter((point) => Number.isFinite(point.t) && Number.isFinite(point.v))
    .sort((a, b) => a.t - b.t);
  const { peak } = summarizeEvidenceSeries(series);
  const first = points[0]?.t ?? onsetMs;
  const last = points[points.length - 1]?.t ?? endMs;
  const fromMs = Math.min(first, onsetMs);
  const toMs = Math.max(last, Math.min(endMs, last + 60_000));
  // Round ticks that cover the peak and the threshold.
  const yTicks = niceTicks(Math.min(0, ...points.map((point) => point.v)), Math.max(peak ?? 0, series.threshold ?? 0), 5);
  const bottom = yTicks[0] ?? 0;
  const top = yTicks[yTicks.length - 1] ?? 1;
  const format = (value: number): string => formatMetricValue(value, series.unit);
  const label = `${series.metric} over time${series.threshold !== undefined ? `, threshold ${format(series.threshold)}` : ''}${peak !== null ? `, peak ${format(peak)}` : ''}`;

  if (points.length === 0) {
    return <div className="evidence-chart__empty muted">No points in this series.</div>;
  }
  return (
    <div className="evidence-chart" role="img" aria-label={label}>
      <LineChart
        responsive
        data={points}
        margin={{ top: 16, right: 18, bottom: 0, left: 4 }}
        style={{ width: '100%', height: HEIGHT }}
        accessibilityLayer={false}
      >
        <CartesianGrid vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[fromMs, toMs]}
          ticks={alignedTicks(fromMs, toMs, MAX_TICKS)}
          tickFormatter={(value: number) => formatClockTime(value, false)}
          allowDataOverflow
          tickMargin={6}
        />
        <YAxis
          type="number"
          domain={[bottom, top]}
          width="auto"
          ticks={yTicks}
          tickFormatter={(value: number) => format(value)}
          allowDataOverflow
        />
        <ReferenceArea x1={Math.max(onsetMs, fromMs)} x2={Math.min(endMs, toMs)} className="evidence-chart__held" ifOverflow="hidden" />
        {series.threshold !== undefined && (
          <ReferenceLine
            y={series.threshold}
            className="evidence-chart__threshold"
            strokeDasharray="5 4"
            label={{ value: `threshold ${format(series.threshold)}`, position: 'insideBottomRight', className: 'evidence-chart__threshold-label' }}
          />
        )}
        <ReferenceLine
          x={onsetMs}
          className="evidence-chart__onset"
          strokeDasharray="3 3"
          label={{ value: 'onset', position: 'top', className: 'evidence-chart__onset-label' }}
        />
        {playheadMs !== null && playheadMs >= fromMs && playheadMs <= toMs && (
          <ReferenceLine x={playheadMs} className="evidence-chart__playhead" />
        )}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(value) => (typeof value === 'number' ? formatClockTime(value) : '')}
          formatter={(value) => [typeof value === 'number' ? format(value) : '—', series.metric]}
          wrapperClassName="evidence-chart__tooltip"
        />
        <Line
          type="monotone"
          dataKey="v"
          className="evidence-chart__line"
          dot={points.length < 40}
          activeDot={{ r: 3 }}
          strokeWidth={1.75}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
