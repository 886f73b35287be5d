// Whether anything but Chokepoint's own host sampler has sent data: decides between the
// "send your first telemetry" guide and the services list.
import type { ServiceSummary } from '../../../../common/api-contract.ts';
import type { TelemetryCounts } from '../../../../common/telemetry.ts';

/** service.name of the built-in host sampler (collectors/host). */
export const HOST_SERVICE_NAME = 'chokepoint-host';

export function appServices(services: readonly ServiceSummary[]): ServiceSummary[] {
  return services.filter((service) => service.serviceName !== HOST_SERVICE_NAME);
}

/**
 * True once an app has sent spans, logs or metrics. The host sampler only writes metric points,
 * so spans or logs always mean an app; metric points count only with a non-host service.
 * Unknown (null) inputs mean "not yet known", which is not "empty".
 */
export function hasAppData(counts: TelemetryCounts | null, services: readonly ServiceSummary[] | undefined): boolean | null {
  if (counts && (counts.spans > 0 || counts.logs > 0)) return true;
  if (services === undefined) return counts === null ? null : counts.metricPoints === 0 ? false : null;
  if (appServices(services).length > 0) return true;
  return counts === null && services.length === 0 ? null : false;
}
