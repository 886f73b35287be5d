// Scaling reads past one database: replicas, routing reads to them, and read-shaped copies of the data.
import type { Technique } from './technique.ts';

export const SCALE_READS_TECHNIQUES: readonly Technique[] = [
  {
    id: 'read-replicas',
    name: 'Read replicas',
    summary:
      'Keep copies of the primary database, updated by replication, that serve read-only queries. ' +
      'Read capacity grows with the number of replicas; write capacity and data size per server do not.',
    cures: ['primary busy with SELECTs', 'read-heavy traffic saturating one database', 'reads failing when the primary is down'],
    answers: ['cpu_saturation', 'disk_io_saturation', 'slow_query'],
    premature:
      'Premature if one query is slow: an index is cheaper than a replica. Also premature if a cache could absorb the repeated reads, or if writes are the bottleneck (replicas copy every write).',
    tryFirst: ['indexing', 'query-optimization', 'caching', 'vertical-scaling'],
    costs: ['stale reads from replication lag', 'storage multiplied by the replica count', 'the app must know which queries may go to a replica'],
    stage: 'scale-reads',
    related: ['read-write-splitting', 'read-your-writes', 'sharding', 'multi-region'],
    facts: [
      'Read-to-write ratios of 10:1 and 100:1 are common; a social feed can reach 100:1.',
      'Lag is normally milliseconds but can reach seconds under heavy load; test it under production-like load.',
      'Aurora PostgreSQL allows up to 15 replicas on one shared storage volume, which keeps lag lower than streaming replication.',
      'RDS replica creation takes 10 to 20 minutes; an undersized replica falls behind.',
      'Replicas add read capacity, not storage: data too big for one server needs sharding.',
    ],
  },
  {
    id: 'read-write-splitting',
    name: 'Read/write splitting',
    summary:
      'Route writes to the primary and reads to replicas through a routing layer in the driver, the ORM or a proxy. ' +
      'Django, Rails and Spring can do this by configuration.',
    cures: ['replicas that exist but receive no traffic', 'rare writes queued behind frequent reads'],
    answers: ['replication_lag', 'cpu_saturation'],
    premature: 'Premature before there is a replica with spare capacity. Check the primary\'s read share: if writes dominate, splitting moves little.',
    tryFirst: ['read-replicas'],
    costs: ['every read path must accept possibly stale data or be pinned to the primary', 'routing bugs are hard to see'],
    stage: 'scale-reads',
    related: ['read-replicas', 'read-your-writes', 'external-pooler', 'cqrs'],
  },
  {
    id: 'read-your-writes',
    name: 'Read-your-writes consistency',
    summary:
      'For a few seconds after a user writes, or until the replica has applied that write, serve that user from the primary. ' +
      'Everyone else keeps reading from replicas.',
    cures: ['a user saves a change and still sees the old value', 'stale reads right after a write', 'support tickets about edits that did not stick'],
    answers: ['replication_lag'],
    primaryFor: ['replication_lag'],
    premature:
      'Premature when lag stays well under the time between a write and the next read. If lag is seconds and growing, look at the replica\'s size and the primary\'s write load too.',
    tryFirst: ['read-write-splitting'],
    costs: ['extra read load on the primary after writes', 'per-user routing state (a timestamp or a log position)'],
    stage: 'scale-reads',
    related: ['read-replicas', 'read-write-splitting', 'monitoring', 'vertical-scaling'],
    facts: [
      'Alert on replica lag above roughly 5 to 10 seconds; rule sets use 5 s for PostgreSQL and 30 s for MySQL.',
      'PostgreSQL lag arrives as bytes (postgresql.replication.data_delay) or seconds (postgresql.wal.lag) from the Collector.',
    ],
  },
  {
    id: 'denormalization',
    name: 'Denormalization',
    summary:
      'Store data in the shape the hot reads need, copying fields or precomputed counts into the rows that are read, so a page needs one lookup instead of several joins.',
    cures: ['expensive joins on every page view', 'counts recomputed on each request'],
    answers: ['slow_query', 'n_plus_one', 'cpu_saturation'],
    premature: 'Premature while indexes and a cache fix the read. Check the plan: if the join is indexed and fast, leave the schema normalized.',
    tryFirst: ['indexing', 'query-optimization', 'caching'],
    costs: ['every write must update each copy', 'copies drift apart after bugs', 'more storage'],
    stage: 'scale-reads',
    related: ['materialized-views', 'cqrs', 'polyglot-persistence'],
  },
  {
    id: 'materialized-views',
    name: 'Materialized views and precomputation',
    summary:
      'Compute expensive results (aggregates, feeds, reports) ahead of time and store them, refreshing on a schedule or when events arrive. ' +
      'Reads become simple lookups.',
    cures: ['dashboards and reports that scan large tables on each request', 'aggregates recomputed per user'],
    answers: ['slow_query', 'cpu_saturation', 'disk_io_saturation'],
    premature: 'Premature when the query is fast with an index, or when users need the result to the second. Check how stale the result may be.',
    tryFirst: ['indexing', 'caching'],
    costs: ['stale data between refreshes', 'refresh jobs that load the database', 'storage'],
    stage: 'scale-reads',
    related: ['denormalization', 'cqrs', 'message-queues'],
    facts: ['CQRS read sides often are materialized views tailored to one query pattern.'],
  },
];
