// One metric over the chosen window: a line per attribute set (or per percentile), findings shaded where
// they held (stronger when the finding's evidence is this metric), the playhead in an incident.
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { MetricSeriesResponse } from '../../../../common/metric-view.ts';
import { niceTicks } from '../../components/nice-ticks.ts';
import { formatMetricValue } from '../../format/metric-value.ts';
import { formatClockTime } from '../../format/relative-time.ts';
import { alignedTicks } from '../../timeline/timeline-math.ts';
import type { ChartFinding } from './metric-picks.ts';

const HEIGHT = 320;
/** Hues for up to 24 lines (8 attribute sets × 3 percentiles), mid lightness so both themes read them. */
const HUES = [222, 32, 150, 280, 52, 190, 325, 100];

export interface MetricChartProps {
  data: MetricSeriesResponse;
  fromMs: number;
  toMs: number;
  findings: ChartFinding[];
  playheadMs: number | null;
}

export function MetricChart({ data, fromMs, toMs, findings, playheadMs }: MetricChartProps) {
  const values = [...data.series, ...data.limits].flatMap((s) => s.points.map((p) => p.v));
  // Headroom above a limit line, so it does not sit on the chart's top edge.
  const top = Math.max(0, ...values) * (data.limits.length > 0 ? 1.15 : 1);
  const yTicks = niceTicks(Math.min(0, ...values), top, 5);
  const format = (value: number): string => formatMetricValue(value, data.unit);
  const label = `${data.info.name}: ${data.series.length} series over time${findings.length > 0 ? `, ${findings.length} findings shaded` : ''}`;
  return (
    <div className="metric-chart" role="img" aria-label={label}>
      <LineChart responsive margin={{ top: 16, right: 18, bottom: 0, left: 4 }} style={{ width: '100%', height: HEIGHT }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} />
        <XAxis
          dataKey="t"
          type="number"
          domain={[fromMs, toMs]}
          ticks={alignedTicks(fromMs, toMs, 8)}
          tickFormatter={(value: number) => formatClockTime(value, false)}
          allowDataOverflow
          tickMargin={6}
          allowDuplicatedCategory={false}
        />
        <YAxis type="number" domain={[yTicks[0] ?? 0, yTicks[yTicks.length - 1] ?? 1]} ticks={yTicks} width="auto" tickFormatter={(value: number) => format(value)} allowDataOverflow />
        {findings.map((f) => (
          <ReferenceArea key={f.id} x1={f.fromMs} x2={Math.max(f.toMs, f.fromMs + 1)} className={`metric-chart__finding${f.aboutThisMetric ? ' metric-chart__finding--about' : ''}`} ifOverflow="hidden" />
        ))}
        {playheadMs !== null && playheadMs >= fromMs && playheadMs <= toMs && <ReferenceLine x={playheadMs} className="evidence-chart__playhead" />}
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(value) => (typeof value === 'number' ? formatClockTime(value) : '')}
          formatter={(value, name) => [typeof value === 'number' ? format(value) : '—', name]}
          wrapperClassName="evidence-chart__tooltip"
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        {data.series.map((series, index) => (
          <Line
            key={series.key}
            data={series.points}
            dataKey="v"
            name={series.label}
            type="monotone"
            stroke={`hsl(${HUES[index % HUES.length]} 62% 52%)`}
            strokeDasharray={index >= HUES.length ? '5 3' : undefined}
            dot={series.points.length < 30}
            activeDot={{ r: 3 }}
            strokeWidth={1.6}
            isAnimationActive={false}
          />
        ))}
        {data.limits.map((limit) => (
          <Line
            key={limit.key}
            data={limit.points}
            dataKey="v"
            name={limit.label}
            type="stepAfter"
            className="metric-chart__limit"
            stroke="var(--err)"
            strokeDasharray="6 4"
            dot={false}
            strokeWidth={1.5}
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </div>
  );
}
