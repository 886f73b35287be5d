// Items committed per second over a sliding window, for the console's live ingest figures.
import type { TelemetryCounts } from '../common/telemetry.ts';

interface Tick {
  atMs: number;
  counts: TelemetryCounts;
}

export class LiveRates {
  private readonly ticks: Tick[] = [];
  constructor(private readonly windowMs = 5_000) {}

  record(counts: TelemetryCounts, atMs: number): void {
    this.ticks.push({ atMs, counts: { ...counts } });
    while (this.ticks.length > 2 && atMs - this.ticks[0].atMs > this.windowMs) this.ticks.shift();
  }

  rates(): TelemetryCounts {
    const first = this.ticks[0];
    const last = this.ticks[this.ticks.length - 1];
    if (first === undefined || last === undefined || last.atMs <= first.atMs) return { spans: 0, metricPoints: 0, logs: 0 };
    const seconds = (last.atMs - first.atMs) / 1000;
    const rate = (key: keyof TelemetryCounts) => Math.max(0, (last.counts[key] - first.counts[key]) / seconds);
    return { spans: rate('spans'), metricPoints: rate('metricPoints'), logs: rate('logs') };
  }
}
