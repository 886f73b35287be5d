// Every rule the engine runs, in no particular order (the engine ranks the findings).
import { cascadingFailure } from './cascading-failure.ts';
import { chattyCalls } from './chatty-calls.ts';
import { cpuSaturation } from './cpu-saturation.ts';
import { diskIoSaturation } from './disk-io-saturation.ts';
import { eventLoopBlocked } from './event-loop-blocked.ts';
import { hotSpot } from './hot-spot.ts';
import { memoryPressure } from './memory-pressure.ts';
import { missingBatching } from './missing-batching.ts';
import { networkSaturation } from './network-saturation.ts';
import { nPlusOne } from './n-plus-one.ts';
import { poolExhaustion } from './pool-exhaustion.ts';
import { replicationLag } from './replication-lag.ts';
import { retryStorm } from './retry-storm.ts';
import type { AnyRule } from './rule.ts';
import { slowQuery } from './slow-query.ts';
import { thunderingHerd } from './thundering-herd.ts';

export const ALL_RULES: readonly AnyRule[] = [
  cpuSaturation,
  poolExhaustion,
  nPlusOne,
  slowQuery,
  missingBatching,
  chattyCalls,
  hotSpot,
  thunderingHerd,
  retryStorm,
  replicationLag,
  cascadingFailure,
  memoryPressure,
  diskIoSaturation,
  networkSaturation,
  eventLoopBlocked,
];
