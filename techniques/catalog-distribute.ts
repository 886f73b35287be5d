// Splitting data and traffic across machines and regions, and keeping the pieces evenly loaded.
import type { Technique } from './technique.ts';

export const DISTRIBUTE_TECHNIQUES: readonly Technique[] = [
  {
    id: 'sharding',
    name: 'Sharding (horizontal partitioning)',
    summary:
      'Split the rows of a dataset across independent databases by a shard key (user id, tenant id) so each server holds and writes only its part. ' +
      'The key is assigned by range, by hash or through a lookup directory.',
    cures: ['write throughput beyond one primary', 'a dataset too large for one server', 'a primary that bigger hardware no longer helps'],
    answers: ['disk_io_saturation', 'lock_contention', 'cpu_saturation'],
    premature:
      'Premature while read replicas, caching or a bigger machine would fix it: sharding a database a replica could have relieved is a classic mistake. Check that writes, not reads, are what saturates the primary.',
    tryFirst: ['indexing', 'vertical-scaling', 'caching', 'read-replicas', 'write-batching'],
    costs: ['cross-shard queries and transactions', 'resharding and data moves', 'hot shards from a skewed key', 'lots of application changes'],
    stage: 'distribute',
    related: ['consistent-hashing', 'hot-key-spreading', 'read-replicas', 'multi-region'],
    facts: [
      'Range sharding (ids 1 to 1,000 on shard A, the next 1,000 on B) is simple but new users all land on the newest shard.',
      'hash(key) % N spreads load evenly but makes range queries scatter and changing N moves most keys.',
      'A directory maps keys to shards flexibly at the price of one more component that must not fail.',
      'The articles place sharding around 10 to 200 million users, earlier for write-heavy products.',
    ],
  },
  {
    id: 'consistent-hashing',
    name: 'Consistent hashing',
    summary:
      'Place nodes and keys on a hash ring so adding or removing a node moves only the keys next to it; virtual nodes give each server many ring positions for an even spread. ' +
      'Used for cache clusters and hash-sharded stores.',
    cures: ['most keys remapped when a cache node is added', 'uneven load across shards from a plain modulo'],
    answers: ['hot_spot'],
    premature: 'Premature with a fixed number of nodes that never changes. Check how often the cluster is resized.',
    tryFirst: [],
    costs: ['a ring or lookup to maintain', 'one very hot key still lands on one node'],
    stage: 'distribute',
    related: ['sharding', 'hot-key-spreading', 'caching'],
  },
  {
    id: 'hot-key-spreading',
    name: 'Hot-key and hot-shard spreading',
    summary:
      'Find keys or partitions that take far more traffic than the rest and spread them: replicate a hot cache key to several nodes, give hot records their own cache or index, or split a hot shard.',
    cures: ['one shard, partition or cache node overloaded while peers idle', 'a viral item hammering one key', 'one Kafka partition lagging'],
    answers: ['hot_spot', 'thundering_herd'],
    primaryFor: ['hot_spot'],
    premature: 'Premature until per-key or per-partition metrics show skew. Check the max-to-mean ratio of load per partition first.',
    tryFirst: ['monitoring', 'caching'],
    costs: ['more copies to keep consistent', 'routing logic that knows about hot keys'],
    stage: 'distribute',
    related: ['consistent-hashing', 'sharding', 'caching', 'rate-limiting'],
    facts: [
      'A celebrity account can draw 1,000 times the reads of an average user, overloading the one shard that holds it.',
      'A max-to-mean load ratio above about 1.1 is a common imbalance threshold (Cruise Control).',
    ],
  },
  {
    id: 'multi-region',
    name: 'Multi-region deployment',
    summary:
      'Run full stacks (app tier, cache, database shards) in several geographic regions and route each user to the nearest one with global load balancing; replicate data between regions.',
    cures: ['high latency for users far from the only region', 'one regional outage taking everything down'],
    answers: ['network_saturation'],
    premature: 'Premature when users are in one geography and one region meets the availability target. Check latency by user location first.',
    tryFirst: ['cdn', 'redundancy'],
    costs: ['cross-region replication lag and bandwidth', 'conflict handling for writes in several regions', 'a multiple of the infrastructure bill'],
    stage: 'distribute',
    related: ['sharding', 'edge-computing', 'cdn', 'redundancy'],
  },
];
