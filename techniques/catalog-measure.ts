// Starting simple and finding the real bottleneck: the steps every other technique depends on.
import type { Technique } from './technique.ts';

export const MEASURE_TECHNIQUES: readonly Technique[] = [
  {
    id: 'monolith-first',
    name: 'Start with one app and one database',
    summary:
      'Run a single application against a single database, often on one server, until a measured limit forces a change. ' +
      'Design seams (stateless handlers, a data-access layer) so later steps do not need a rewrite.',
    cures: ['months spent on infrastructure for traffic that never came', 'slow feature delivery from early complexity'],
    answers: [],
    premature:
      'Never premature at the start. It stops fitting when a measured bottleneck remains after profiling, indexing and a bigger machine.',
    tryFirst: [],
    costs: ['one machine is a single point of failure', 'a hard ceiling that arrives with growth'],
    stage: 'start-simple',
    related: ['vertical-scaling', 'stateless-services', 'capacity-planning', 'microservices'],
    facts: [
      'One article ends this stage near 1,000 users, another near 10,000: treat such figures as guides, not thresholds.',
      'A team that builds sharding and CQRS for 200 users can spend months and never reach 10,000.',
      'A later journey stage can come early: a write-heavy product may need sharding near 1 million users, a read-heavy one not until about 50 million.',
    ],
  },
  {
    id: 'monitoring',
    name: 'Monitoring and observability',
    summary:
      'Collect metrics, traces and logs for every tier so the limiting resource is read from data rather than guessed. ' +
      'Alert on saturation signals (pool waits, replication lag, queue depth) before users feel them.',
    cures: ['scaling the wrong tier', 'outages noticed by users first', 'no baseline to compare a fix against'],
    answers: [],
    premature: 'Not premature at any size. Start with request rate, errors, latency percentiles and CPU, memory, disk and network per host.',
    tryFirst: [],
    costs: ['storage and CPU for telemetry', 'alert fatigue if thresholds are not tuned'],
    stage: 'measure',
    related: ['profiling', 'load-testing', 'capacity-planning'],
    facts: [
      'Pool saturation events, pool wait time and utilization warn of trouble before user-facing latency rises.',
      'Replica lag alarms usually fire at 5 to 10 seconds; lag that stays above that calls for a larger replica or a look at the write load.',
      'Connection and thread limits do not show as high CPU or memory: a server can look idle while every slot is taken.',
    ],
  },
  {
    id: 'profiling',
    name: 'Profiling and hot-path fixes',
    summary:
      'Measure where CPU time and allocations go in a running process, then fix the few functions that dominate. ' +
      'Use it before buying hardware, since the cost is often in a small part of the code.',
    cures: ['CPU pegged near 100%', 'latency that grows with load while I/O stays low', 'GC pauses from heavy allocation'],
    answers: ['cpu_saturation', 'event_loop_blocked', 'memory_pressure'],
    primaryFor: ['cpu_saturation'],
    premature: 'Rarely premature. Skip it only when the metrics already show the time is spent waiting on a database or network call.',
    tryFirst: ['monitoring'],
    costs: ['engineering time', 'small runtime overhead while a profiler runs'],
    stage: 'measure',
    related: ['eliminate-unnecessary-work', 'runtime-tuning', 'offload-cpu-work', 'vertical-scaling'],
    facts: [
      'A common rule of thumb: about 20% of the code accounts for about 80% of execution time.',
      'Early on, tuning the database usually gains 10 to 100 times more than adding app servers.',
    ],
  },
  {
    id: 'load-testing',
    name: 'Load testing',
    summary:
      'Replay realistic traffic against a copy of the system at rising rates to see which component gives out first and at what load. ' +
      'It turns a capacity estimate into a measured limit.',
    cures: ['bottlenecks first discovered in production', 'unknown headroom before a launch'],
    answers: [],
    premature: 'Premature if nobody will act on the result. Set a target rate from capacity planning first.',
    tryFirst: ['monitoring', 'capacity-planning'],
    costs: ['an environment that resembles production', 'time to script realistic user behaviour'],
    stage: 'measure',
    related: ['capacity-planning', 'profiling', 'autoscaling'],
    facts: [
      'k6, Locust and Apache JMeter are common load generators.',
      'Learning in a test that the connection pool tops out near 5,000 concurrent users is cheap; learning it in production is not.',
    ],
  },
  {
    id: 'capacity-planning',
    name: 'Capacity planning',
    summary:
      'Estimate how CPU, memory, disk, bandwidth and database connections grow with users and known events, and provision ahead of the curve. ' +
      'Track runway: the months left before each resource hits its limit.',
    cures: ['outages at launches and seasonal peaks', 'disks or connection limits reached by surprise'],
    answers: [],
    premature: 'Premature before there is traffic to extrapolate from. Plan 6 to 12 months ahead, not for imagined scale.',
    tryFirst: ['monitoring'],
    costs: ['time taken from feature work', 'money on headroom that may sit idle'],
    stage: 'measure',
    related: ['load-testing', 'scheduled-scaling', 'autoscaling', 'vertical-scaling'],
    facts: [
      'Worked example: 10,000 daily users × 50 requests × 200 ms of CPU is 100,000 CPU-seconds a day, about 1.2 cores on average; at 100,000 users, about 12 cores, with peaks well above the average.',
      'Knowing a disk fills in three months is a plan; finding out when it is full is an incident.',
      'Ask whether the design survives 10 times the traffic; if not, a fix only buys time, so write down the next step.',
    ],
  },
];
