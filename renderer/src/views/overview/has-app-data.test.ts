import { describe, expect, it } from 'vitest';
import type { ServiceSummary } from '../../../../common/api-contract.ts';
import { HOST_SERVICE_NAME, appServices, hasAppData } from './has-app-data.ts';

const service = (serviceName: string): ServiceSummary => ({
  serviceName,
  spanCount: 0,
  errorCount: 0,
  lastSeenUnixNano: '0',
});
const zero = { spans: 0, metricPoints: 0, logs: 0 };

describe('hasAppData', () => {
  it('is false with nothing stored', () => {
    expect(hasAppData(zero, [])).toBe(false);
    expect(hasAppData(zero, undefined)).toBe(false);
  });

  it('is false when only the host sampler has written metric points', () => {
    expect(hasAppData({ ...zero, metricPoints: 5000 }, [service(HOST_SERVICE_NAME)])).toBe(false);
  });

  it('is true as soon as spans or logs exist, or a non-host service shows up', () => {
    expect(hasAppData({ ...zero, spans: 1 }, undefined)).toBe(true);
    expect(hasAppData({ ...zero, logs: 3 }, [])).toBe(true);
    expect(hasAppData({ ...zero, metricPoints: 10 }, [service(HOST_SERVICE_NAME), service('checkout')])).toBe(true);
  });

  it('is unknown (null) until there is enough to tell', () => {
    expect(hasAppData(null, undefined)).toBeNull();
    expect(hasAppData({ ...zero, metricPoints: 10 }, undefined)).toBeNull();
    expect(hasAppData(null, [])).toBeNull();
  });
});

describe('appServices', () => {
  it('drops the host sampler', () => {
    expect(appServices([service(HOST_SERVICE_NAME), service('api')]).map((s) => s.serviceName)).toEqual(['api']);
  });
});
