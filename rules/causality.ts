// Which findings are symptoms of which causes. When a cause and its symptom are both present (on the same
// service, or one of them is host-wide), the symptom is linked to the cause and ranked below it: fixing the
// cause is the move, the symptom goes away with it.
import type { FindingKind } from '../common/findings.ts';

/** symptom kind → the kinds that commonly produce it. */
export const CAUSES_OF: Partial<Record<FindingKind, readonly FindingKind[]>> = {
  // A blocked event loop is how CPU-bound work looks from inside one Node process: the host's saturation is the
  // limit to name first, so it is not listed as a cause here (but CPU saturation is one of event_loop_blocked's).
  cpu_saturation: ['thundering_herd', 'retry_storm', 'n_plus_one', 'hot_spot'],
  // Waiting for a connection is not part of a query's own duration, so pool exhaustion never explains a slow
  // query; the other way round it does (slow queries hold connections longer).
  slow_query: ['lock_contention', 'hot_spot', 'thundering_herd', 'disk_io_saturation', 'cpu_saturation'],
  cascading_failure: ['pool_exhaustion', 'hot_spot', 'replication_lag', 'thundering_herd', 'disk_io_saturation', 'cpu_saturation', 'memory_pressure'],
  retry_storm: ['cascading_failure', 'pool_exhaustion'],
  event_loop_blocked: ['memory_pressure', 'cpu_saturation'],
  chatty_calls: ['n_plus_one'],
  missing_batching: ['n_plus_one'],
  no_connection_reuse: ['pool_exhaustion'],
  disk_io_saturation: ['memory_pressure', 'missing_batching'],
  memory_pressure: [],
  network_saturation: [],
  pool_exhaustion: ['slow_query', 'lock_contention', 'n_plus_one'],
  lock_contention: ['hot_spot'],
};

/** How much of its score a symptom keeps once linked to a present cause. */
export const SYMPTOM_SCORE_FACTOR = 0.5;

export function isCauseOf(cause: FindingKind, symptom: FindingKind): boolean {
  return (CAUSES_OF[symptom] ?? []).includes(cause);
}
