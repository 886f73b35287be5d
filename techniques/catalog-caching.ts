// Serving repeated reads from memory or the edge, keeping cached data fresh, and surviving expiry storms.
import type { Technique } from './technique.ts';

export const CACHING_TECHNIQUES: readonly Technique[] = [
  {
    id: 'caching',
    name: 'Application cache (Redis, Memcached)',
    summary:
      'Keep frequently read results in an in-memory store in front of the database: look in the cache, on a miss read the database and store the result with a TTL. ' +
      'Most repeated reads then never reach the database.',
    cures: ['the same query run thousands of times a minute', 'database load dominated by repeated reads', 'slow responses for popular data'],
    answers: ['slow_query', 'cpu_saturation', 'disk_io_saturation', 'chatty_calls'],
    premature:
      'Premature when the slow part is one unindexed query (index it) or when each read is unique to a request. Check how often the same key is read before building a cache.',
    tryFirst: ['indexing', 'query-optimization'],
    costs: ['stale data until invalidation or expiry', 'another service to run', 'stampedes when hot keys expire'],
    stage: 'cache',
    related: ['cache-invalidation', 'request-coalescing', 'ttl-jitter', 'cdn', 'read-replicas'],
    facts: [
      'A cache in front of the database often cuts database load by 80% or more.',
      'A hit ratio consistently under 80 to 90% for cacheable data points at under-caching or a poor key scheme.',
      'Cache truly static data aggressively; cache changing data with shorter TTLs and explicit invalidation.',
      'Redis sorted sets, hashes and lists also serve leaderboards, sessions and rate-limit counters.',
    ],
  },
  {
    id: 'cache-invalidation',
    name: 'Cache invalidation',
    summary:
      'Decide how a cached value stops being served once the source changes: expire it by TTL, delete the key when the row is written, or write to cache and database together (write-through) or cache first and database later (write-behind).',
    cures: ['users seeing old data after an update', 'personalized pages served to the wrong user'],
    answers: [],
    premature: 'Never premature once a cache exists; pick the strategy before caching data that changes. A plain TTL is enough where minutes of staleness are fine.',
    tryFirst: [],
    costs: ['writes must know every key they affect', 'write-behind can lose writes that are still in the cache'],
    stage: 'cache',
    related: ['caching', 'http-caching', 'cdn', 'ttl-jitter'],
    facts: ['For pages with user-specific data use Cache-Control: no-cache, must-revalidate or purge on change; correctness comes before hit rate.'],
  },
  {
    id: 'http-caching',
    name: 'HTTP caching headers',
    summary:
      'Send Cache-Control, ETag and Last-Modified so browsers and proxies reuse responses or revalidate them cheaply instead of downloading again.',
    cures: ['browsers refetching unchanged assets', 'origin traffic for content that rarely changes'],
    answers: ['network_saturation'],
    premature: 'Premature for responses that are personal or change every request. Check which responses repeat across users first.',
    tryFirst: [],
    costs: ['clients keep old versions until they expire unless URLs are versioned'],
    stage: 'cache',
    related: ['cdn', 'cache-invalidation', 'compression'],
    facts: ['A browser TTL of 8 days to 1 month suits static images, CSS and JavaScript.'],
  },
  {
    id: 'cdn',
    name: 'Content delivery network',
    summary:
      'Serve static assets, and cacheable pages, from provider nodes near users instead of from the origin. ' +
      'Cloudflare, CloudFront and Akamai also terminate TLS and absorb DDoS traffic at the edge.',
    cures: ['origin bandwidth used up by images, video and scripts', 'high latency for distant users', 'origin overload during sales'],
    answers: ['network_saturation', 'cpu_saturation'],
    premature:
      'Premature when the traffic is API calls unique per user, or when responses are not yet compressed: compress and set cache headers first.',
    tryFirst: ['compression', 'http-caching'],
    costs: ['a monthly fee', 'purging when content changes', 'risk of caching personal pages if rules are broad'],
    stage: 'cache',
    related: ['http-caching', 'edge-computing', 'cache-invalidation', 'compression'],
    facts: [
      'A CDN can cut origin load by up to 70%; one e-commerce case saw over 60% less almost at once.',
      'Latency of hundreds of milliseconds can drop to tens for distant users.',
      'Edge TTL of about a month for static assets; check the cf-cache-status: HIT header to confirm caching.',
      'Serving large files without a CDN is a common cause of bandwidth saturation.',
    ],
  },
  {
    id: 'request-coalescing',
    name: 'Request coalescing (single-flight cache rebuild)',
    summary:
      'When many requests miss the same key at once, let one of them rebuild it (under a lock or a single-flight promise) while the others wait for that result or get the stale value.',
    cures: ['database spike when a popular key expires', 'many identical queries within a second', 'cache stampede after a deploy or flush'],
    answers: ['thundering_herd', 'slow_query', 'cpu_saturation'],
    primaryFor: ['thundering_herd'],
    premature: 'Premature for keys read a few times a second: a miss there is one extra query. Check how many concurrent misses a hot key causes.',
    tryFirst: [],
    costs: ['waiters see higher latency or stale data', 'a lock that must expire if its holder dies'],
    stage: 'cache',
    related: ['ttl-jitter', 'probabilistic-early-refresh', 'caching', 'gradual-ramp-up'],
    facts: ['Trace signature of a stampede: within 1 to 5 s many traces each do a cache GET and then the same DB statement.'],
  },
  {
    id: 'ttl-jitter',
    name: 'TTL jitter',
    summary:
      'Add a random offset to each expiry time (for example ±10%) so keys written together do not all expire in the same second.',
    cures: ['periodic load spikes at fixed intervals after a cache warm-up', 'many keys expiring at once'],
    answers: ['thundering_herd'],
    premature: 'Premature when keys are written at scattered times anyway. Check whether misses cluster at TTL multiples after a deploy or warm-up.',
    tryFirst: [],
    costs: ['less predictable freshness per key'],
    stage: 'cache',
    related: ['request-coalescing', 'probabilistic-early-refresh', 'retries-with-backoff'],
  },
  {
    id: 'probabilistic-early-refresh',
    name: 'Probabilistic early refresh',
    summary:
      'Let a request refresh a key shortly before it expires with a probability that rises as expiry nears, weighted by how long the rebuild takes. ' +
      'A hot key is usually rebuilt once, by one request, before anyone misses.',
    cures: ['stampedes on very hot keys with expensive rebuilds'],
    answers: ['thundering_herd'],
    premature: 'Premature unless a key is both hot and slow to rebuild. Single-flight rebuild is simpler and covers most cases.',
    tryFirst: ['request-coalescing', 'ttl-jitter'],
    costs: ['some rebuilds happen earlier than needed', 'the rebuild time must be stored with the value'],
    stage: 'cache',
    related: ['request-coalescing', 'ttl-jitter', 'caching'],
    facts: ['Described by Vattani et al., VLDB 2015, as probabilistic early expiration.'],
  },
  {
    id: 'prefetching',
    name: 'Prefetching',
    summary:
      'Load data the user is likely to want next (the next page, the email they will open) into a cache or the browser during idle time. ' +
      'rel="prefetch", rel="preload" and DNS prefetch hints do this in the browser.',
    cures: ['a wait on each predictable next step', 'cold caches at the start of a known flow'],
    answers: [],
    premature: 'Premature without access data showing what users open next: wrong guesses spend bandwidth, CPU and cache space for nothing.',
    tryFirst: ['caching'],
    costs: ['resources spent on predictions that miss'],
    stage: 'cache',
    related: ['lazy-loading', 'caching', 'cdn'],
  },
];
