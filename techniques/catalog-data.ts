// Making the database do less per request: indexes, fewer round trips, reused connections, batched writes.
import type { Technique } from './technique.ts';

export const DATA_TECHNIQUES: readonly Technique[] = [
  {
    id: 'indexing',
    name: 'Indexes',
    summary:
      'Add indexes that match the WHERE, JOIN and ORDER BY columns of the heavy queries so the database reads a few pages instead of scanning a table. ' +
      'Confirm with the query plan (EXPLAIN) before and after.',
    cures: ['one query slow at any load', 'high disk reads and iowait on the database host', 'slow queries despite low CPU'],
    answers: ['slow_query', 'disk_io_saturation', 'lock_contention', 'cpu_saturation', 'pool_exhaustion'],
    primaryFor: ['slow_query', 'disk_io_saturation'],
    premature: 'Rarely premature. Check that the table is large enough for a scan to matter and that writes to it are not the bottleneck.',
    tryFirst: [],
    costs: ['slower inserts and updates', 'disk space', 'unused indexes cost writes for nothing'],
    stage: 'optimize',
    related: ['query-optimization', 'caching', 'read-replicas'],
    facts: [
      'Without the right index a query can run 1,000 times slower; tuning a single query has given 100x.',
      'Missing indexes and badly written queries are the most common cause of early database trouble.',
      'Sentry flags a single SELECT of 500 ms or more as a slow DB query.',
    ],
  },
  {
    id: 'query-optimization',
    name: 'Query optimization',
    summary:
      'Rewrite expensive queries: select only needed columns, avoid functions on indexed columns, replace loops of queries with one set-based query, and keep transactions short. ' +
      'Read the plan, change one thing, measure again.',
    cures: ['queries whose cost grows with table size', 'connections held for long queries', 'database CPU high for little result data'],
    answers: ['slow_query', 'pool_exhaustion', 'cpu_saturation', 'lock_contention'],
    premature: 'Premature before the plan shows what is slow: if a missing index explains it, add the index first.',
    tryFirst: ['indexing'],
    costs: ['engineering time', 'hand-tuned SQL that an ORM no longer generates'],
    stage: 'optimize',
    related: ['indexing', 'eager-loading', 'pagination', 'materialized-views'],
  },
  {
    id: 'eager-loading',
    name: 'Eager loading (fixing N+1 queries)',
    summary:
      'Fetch related rows together with the parent rows, through a JOIN or one batched IN (...) lookup, instead of one query per parent. ' +
      'In ORMs this is the explicit include or preload option.',
    cures: ['a list page that issues one query per row', 'latency that grows with page size', 'many identical statements in one trace'],
    answers: ['n_plus_one', 'chatty_calls', 'pool_exhaustion'],
    primaryFor: ['n_plus_one'],
    premature: 'Premature when the related data is rarely used: eager loading then fetches rows nobody reads. Check how often the relation is accessed.',
    tryFirst: [],
    costs: ['larger single queries', 'loading data that is not always needed'],
    stage: 'optimize',
    related: ['lazy-loading', 'call-batching', 'query-optimization'],
    facts: [
      '100 orders with lazily loaded customers cost 101 queries; eager loading brings that to 1 or 2.',
      'Sentry reports an N+1 when at least 5 repeated DB spans with the same statement follow a source span and add up to 50 ms or more.',
    ],
  },
  {
    id: 'lazy-loading',
    name: 'Lazy loading',
    summary:
      'Defer loading data or assets until they are used: images below the fold, an unopened tab, an admin section, an ORM relation. ' +
      'The first response is lighter and faster.',
    cures: ['slow first page load', 'memory and bandwidth spent on data that is never shown'],
    answers: ['memory_pressure', 'network_saturation'],
    premature:
      'Premature, and harmful, when the deferred data is nearly always needed: inside a loop it becomes N+1. Check the trace for repeated queries before switching.',
    tryFirst: ['pagination'],
    costs: ['a visible pause when the user finally opens the deferred part', 'N+1 queries when used in a loop'],
    stage: 'optimize',
    related: ['eager-loading', 'prefetching', 'pagination'],
    facts: ['Browsers lazy-load images and iframes with IntersectionObserver; Django querysets and Laravel relations load on demand by default.'],
  },
  {
    id: 'pagination',
    name: 'Pagination',
    summary:
      'Return results in bounded pages, preferably with a keyset cursor (WHERE id > last_id ORDER BY id LIMIT n) rather than a growing OFFSET. ' +
      'No request reads or ships an unbounded result.',
    cures: ['responses that grow with the table', 'memory spikes on list endpoints', 'deep OFFSET queries that scan skipped rows'],
    answers: ['memory_pressure', 'slow_query', 'network_saturation'],
    premature: 'Premature for lists that are small and bounded by design. Check the largest result size an endpoint returns today.',
    tryFirst: [],
    costs: ['API change for clients', 'no random jump to page N with cursors'],
    stage: 'optimize',
    related: ['lazy-loading', 'query-optimization', 'memory-footprint'],
  },
  {
    id: 'connection-pooling',
    name: 'Connection pooling',
    summary:
      'Keep a set of open database connections and lend one to each request instead of connecting and disconnecting every time. ' +
      'HikariCP (Java), pg.Pool (Node) and persistent PDO connections (PHP) do this inside the app.',
    cures: ['tens of milliseconds of connect time on every request', 'database CPU spent on connection setup', 'connection limit hit at moderate traffic'],
    answers: ['no_connection_reuse', 'pool_exhaustion', 'cpu_saturation'],
    primaryFor: ['no_connection_reuse'],
    premature: 'Hardly ever premature for a server process. In serverless code an app-side pool cannot be shared; use an external pooler there.',
    tryFirst: [],
    costs: ['a pool to size and monitor', 'a small borrow cost per request', 'session state can leak between borrowers'],
    stage: 'optimize',
    related: ['pool-sizing', 'external-pooler', 'keep-alive', 'timeouts'],
    facts: [
      'A new PostgreSQL connection (TCP, auth, session setup) costs roughly 20 to 100 ms; borrowing from a pool costs about 0.5 ms and returning it about 0.1 ms.',
      'Example: connect and close around a 5 ms query makes 65 to 115 ms per request; with a pool about 5.6 ms.',
      'Each PostgreSQL connection uses about 5 to 10 MB of server memory.',
    ],
  },
  {
    id: 'pool-sizing',
    name: 'Connection pool sizing',
    summary:
      'Set pool minimum and maximum from what the database can serve, divided among all app instances, and watch pool wait time. ' +
      'A pool too small queues requests; one too large floods the database with parallel work.',
    cures: ['requests waiting to acquire a connection', 'pool at its maximum while the database is idle', 'database refusing connections'],
    answers: ['pool_exhaustion', 'lock_contention'],
    primaryFor: ['pool_exhaustion'],
    premature:
      'Raising the maximum is premature when slow queries or missing timeouts hold connections: check connection use time first; a larger pool then only adds waiters on the database.',
    tryFirst: ['query-optimization', 'timeouts', 'connection-pooling'],
    costs: ['database memory per connection', 'more contention inside the database if set too high'],
    stage: 'optimize',
    related: ['connection-pooling', 'external-pooler', 'bulkheads', 'timeouts'],
    facts: [
      'HikariCP suggests starting at (CPU cores × 2) + effective spindle disks, then calibrating.',
      'Budget per app node: a database limit of 1,000 across 20 servers allows 50 each; using 30 each at peak takes 600 and leaves 400 for failover and bursts.',
      'Set the maximum from the database\'s capacity, not the app\'s wishes; a PostgreSQL server may be comfortable near 500 connections.',
      'Alert rules fire when connections pass 80% of max_connections for 2 minutes.',
      'Raising the connection limit alone is a band-aid; the usual cause is slow downstream calls or missing timeouts.',
    ],
  },
  {
    id: 'external-pooler',
    name: 'External connection pooler',
    summary:
      'Put a pooler such as PgBouncer (PostgreSQL) or ProxySQL (MySQL) between the apps and the database to fold many client connections into a few server connections. ' +
      'It can also route reads and writes to different servers.',
    cures: ['too many connections from many app servers or functions', 'database memory eaten by idle connections'],
    answers: ['pool_exhaustion', 'no_connection_reuse'],
    premature: 'Premature with a handful of app instances whose in-app pools fit under the database limit. Count instances × pool max first.',
    tryFirst: ['connection-pooling', 'pool-sizing'],
    costs: ['another component and hop', 'transaction pooling breaks session features such as prepared statements or advisory locks'],
    stage: 'scale-out',
    related: ['connection-pooling', 'serverless', 'read-write-splitting'],
  },
  {
    id: 'write-batching',
    name: 'Write batching',
    summary:
      'Collect writes and commit them together: multi-row INSERTs, one transaction for many rows, or a producer that buffers and flushes. ' +
      'The fixed cost per write (round trip, transaction, log flush) is paid once per batch.',
    cures: ['one INSERT and commit per row', 'database busy flushing the log', 'ingest rate capped by round trips'],
    answers: ['missing_batching', 'disk_io_saturation', 'lock_contention', 'replication_lag'],
    primaryFor: ['missing_batching'],
    premature: 'Premature for writes that must be confirmed one by one, such as payments. Check how much loss on a crash the data can tolerate.',
    tryFirst: [],
    costs: ['extra latency while a batch fills', 'writes in the buffer are lost if the process dies before the flush'],
    stage: 'optimize',
    related: ['call-batching', 'message-queues', 'short-transactions'],
    facts: [
      'Writing 1,000 rows one at a time pays the per-write overhead 1,000 times; one transaction pays it once.',
      'Kafka producers batch by default; batch.size and linger.ms set the batch size and how long to wait.',
    ],
  },
  {
    id: 'short-transactions',
    name: 'Short transactions and narrow locks',
    summary:
      'Hold locks for as little time and as few rows as possible: do slow work (network calls, rendering) outside the transaction, lock rows not tables, and split hot counters into several rows. ' +
      'Waiters then get through quickly instead of queuing.',
    cures: ['requests waiting on locks while CPU is idle', 'deadlocks under load', 'one hot row serializing all writers'],
    answers: ['lock_contention', 'pool_exhaustion'],
    primaryFor: ['lock_contention'],
    premature: 'Premature when lock waits are a small share of request time. Check the database lock-wait metrics or span gaps first.',
    tryFirst: ['indexing'],
    costs: ['code restructuring', 'weaker guarantees if work moves outside the transaction'],
    stage: 'optimize',
    related: ['query-optimization', 'write-batching', 'sharding'],
    facts: ['A single lock in application code can cap throughput no matter how many servers or replicas are added.'],
  },
];
