import { describe, expect, it } from 'vitest';
import { LiveRates } from './live-rates.ts';

describe('LiveRates', () => {
  it('reports zero before two samples exist', () => {
    const rates = new LiveRates();
    rates.record({ spans: 10, metricPoints: 0, logs: 0 }, 1_000);
    expect(rates.rates()).toEqual({ spans: 0, metricPoints: 0, logs: 0 });
  });

  it('divides growth by elapsed seconds inside the window', () => {
    const rates = new LiveRates(5_000);
    rates.record({ spans: 0, metricPoints: 0, logs: 0 }, 0);
    rates.record({ spans: 500, metricPoints: 20, logs: 4 }, 1_000);
    rates.record({ spans: 1_000, metricPoints: 40, logs: 8 }, 2_000);
    expect(rates.rates()).toEqual({ spans: 500, metricPoints: 20, logs: 4 });
  });

  it('forgets samples older than the window and never goes negative after retention deletes', () => {
    const rates = new LiveRates(2_000);
    rates.record({ spans: 0, metricPoints: 0, logs: 0 }, 0);
    rates.record({ spans: 9_000, metricPoints: 0, logs: 0 }, 1_000);
    rates.record({ spans: 9_000, metricPoints: 0, logs: 0 }, 4_000);
    rates.record({ spans: 8_000, metricPoints: 0, logs: 0 }, 5_000);
    expect(rates.rates().spans).toBe(0);
  });
});
