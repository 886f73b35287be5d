// Getting more out of one machine: bigger hardware, less work per request, and the right concurrency model.
import type { Technique } from './technique.ts';

export const COMPUTE_TECHNIQUES: readonly Technique[] = [
  {
    id: 'vertical-scaling',
    name: 'Vertical scaling (scale up)',
    summary:
      'Move to a machine with more CPU, RAM or faster disks; the code stays the same. ' +
      'For a database, more RAM keeps more of the working set in the buffer pool.',
    cures: ['CPU or memory saturated on one host', 'database reading from disk because the working set does not fit in RAM'],
    answers: ['cpu_saturation', 'memory_pressure', 'disk_io_saturation', 'replication_lag'],
    premature:
      'Premature while a profile shows one hot function or a slow query does a full scan: fix those first, they are cheaper than hardware.',
    tryFirst: ['profiling', 'indexing', 'runtime-tuning'],
    costs: ['price rises faster than capacity near the top of the range', 'a hard ceiling', 'still one machine to fail', 'usually a restart'],
    stage: 'scale-up',
    related: ['horizontal-scaling', 'separate-database', 'read-replicas'],
    facts: [
      'Doubling the power of one machine tends to cost 3 to 4 times as much; doubling the number of machines costs about twice as much.',
      'Large cloud instances reach 256 vCPUs and 2 TB of RAM.',
      'Typical upgrades: 8 GB to 64 GB of RAM, 4 to 32 cores, spinning disks to NVMe SSDs.',
      'Keep the database scaled up until cost or a plateau stops you, then add replicas.',
    ],
  },
  {
    id: 'separate-database',
    name: 'Separate database server',
    summary:
      'Move the database off the application machine onto its own server so each can be sized and scaled on its own. ' +
      'Usually paired with connection pooling and automated backups.',
    cures: ['app and database competing for the same CPU, RAM and disk', 'no way to scale the app tier without moving data'],
    answers: ['cpu_saturation', 'memory_pressure', 'disk_io_saturation'],
    premature: 'Premature while the shared box has headroom. Check per-process CPU and memory: if neither side is short, nothing is gained.',
    tryFirst: ['profiling', 'indexing'],
    costs: ['a network hop on every query', 'a second machine to run and back up'],
    stage: 'scale-up',
    related: ['connection-pooling', 'vertical-scaling', 'horizontal-scaling'],
  },
  {
    id: 'runtime-tuning',
    name: 'Runtime and configuration tuning',
    summary:
      'Adjust garbage-collector settings, thread-pool and connection-pool sizes, and TCP settings to fit the actual load. ' +
      'Defaults are rarely right for a busy service.',
    cures: ['long GC pauses', 'idle CPU while requests queue for a worker thread', 'many short-lived TCP connections'],
    answers: ['memory_pressure', 'cpu_saturation', 'pool_exhaustion'],
    premature: 'Premature without a measurement that points at a setting. Change one parameter at a time and compare against a baseline.',
    tryFirst: ['monitoring', 'profiling'],
    costs: ['settings that drift out of date as load changes', 'a tuned value can hide a code problem'],
    stage: 'optimize',
    related: ['pool-sizing', 'keep-alive', 'memory-footprint'],
  },
  {
    id: 'eliminate-unnecessary-work',
    name: 'Cut unnecessary work',
    summary:
      'Remove work a request does not need: verbose logging, repeated serialization, data transformed and then discarded, fields nobody reads. ' +
      'Do it before paying for more machines to do that work.',
    cures: ['CPU spent on logging or serialization', 'large responses full of unused fields'],
    answers: ['cpu_saturation', 'network_saturation', 'memory_pressure'],
    premature: 'Not premature once a profile shows the waste. Without a profile you may trim code that costs nothing.',
    tryFirst: ['profiling'],
    costs: ['engineering time', 'less detail in logs if logging is cut'],
    stage: 'optimize',
    related: ['profiling', 'compression', 'pagination'],
  },
  {
    id: 'memory-footprint',
    name: 'Memory footprint reduction',
    summary:
      'Fix leaks, cap in-process caches, and stream or page through large datasets instead of loading them whole. ' +
      'Memory that stays flat under load removes swapping, OOM kills and long GC pauses.',
    cures: ['swapping', 'OOM kills', 'GC pauses that grow longer and more frequent', 'memory that climbs until restart'],
    answers: ['memory_pressure'],
    primaryFor: ['memory_pressure'],
    premature:
      'Premature if memory is flat and well under the limit. Check the heap trend over hours first: steady growth means a leak, a plateau means a sizing question.',
    tryFirst: ['monitoring'],
    costs: ['engineering time to find leaks', 'lower hit rates from smaller in-process caches'],
    stage: 'optimize',
    related: ['profiling', 'pagination', 'lazy-loading', 'caching', 'vertical-scaling'],
    facts: [
      'Once the host swaps, memory access runs at disk speed, which is orders of magnitude below RAM.',
      'Usual causes: oversized in-process caches, whole datasets loaded when a subset is needed, and leaks.',
      'Alert rule sets flag available memory under 10% and any OOM kill in the last 30 minutes.',
    ],
  },
  {
    id: 'offload-cpu-work',
    name: 'Worker threads for CPU-bound work',
    summary:
      'Move CPU-heavy work (parsing, compression, crypto, image handling) off the event loop or request thread into worker threads or a process pool. ' +
      'The loop stays free to accept and route requests.',
    cures: ['event-loop delay spikes', 'every request slow while one request computes', 'health checks timing out under load'],
    answers: ['event_loop_blocked', 'cpu_saturation'],
    primaryFor: ['event_loop_blocked'],
    premature:
      'Premature if the blocking is synchronous I/O (readFileSync, sync DB drivers): switch to the async API first. Check which function holds the loop in a profile.',
    tryFirst: ['profiling', 'async-io'],
    costs: ['data copied between threads', 'harder debugging', 'a pool that needs sizing'],
    stage: 'optimize',
    related: ['async-io', 'message-queues', 'horizontal-scaling'],
    facts: ['Async I/O helps with waiting, not computing: CPU-bound work needs worker threads, process pools or a multi-threaded runtime.'],
  },
  {
    id: 'async-io',
    name: 'Asynchronous, non-blocking I/O',
    summary:
      'Let one thread serve many in-flight requests by registering a callback while waiting on the database, disk or network instead of blocking. ' +
      'Node, Netty, Python asyncio, Java NIO, Kotlin coroutines and Go goroutines all work this way.',
    cures: ['thread pool exhausted while threads wait on I/O', 'memory spent on one thread per request', 'low CPU but requests queuing'],
    answers: ['event_loop_blocked', 'memory_pressure', 'pool_exhaustion'],
    premature: 'Premature for CPU-bound work, where it adds complexity and no throughput. Check that requests spend most of their time waiting.',
    tryFirst: ['timeouts', 'runtime-tuning'],
    costs: ['callback and promise code is harder to follow', 'one blocking call stalls every request on the loop'],
    stage: 'optimize',
    related: ['offload-cpu-work', 'connection-pooling', 'backpressure'],
    facts: [
      'Node\'s documentation uses a request that waits 45 of its 50 ms on the database: non-blocking I/O frees those 45 ms for other requests.',
      'A goroutine starts at about 2 KB of memory; the Go runtime spreads thousands of them over a few OS threads.',
      'A web server may hold 10,000 concurrent TCP connections; a thread per connection at that count costs memory and context switches.',
    ],
  },
];
