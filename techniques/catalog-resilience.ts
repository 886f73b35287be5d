// Containing failure: bounded waits, fail-fast, isolation, polite retries and redundancy.
import type { Technique } from './technique.ts';

export const RESILIENCE_TECHNIQUES: readonly Technique[] = [
  {
    id: 'timeouts',
    name: 'Timeouts on every remote call',
    summary:
      'Give every call to a database, cache or service a deadline a few times its normal latency, so a stuck dependency frees the caller\'s connection and thread.',
    cures: ['threads and connections held by a hung dependency', 'pools exhausted by slow calls', 'requests that never finish'],
    answers: ['cascading_failure', 'pool_exhaustion'],
    premature: 'Never premature. Check the defaults: many clients wait forever, or for minutes, unless told otherwise.',
    tryFirst: [],
    costs: ['a timeout set too low turns slow successes into errors', 'timed-out work may still complete on the server'],
    stage: 'protect',
    related: ['circuit-breakers', 'bulkheads', 'retries-with-backoff', 'pool-sizing'],
    facts: ['If a call normally takes 50 ms, a 200 ms timeout is a reasonable starting point.'],
  },
  {
    id: 'circuit-breakers',
    name: 'Circuit breakers',
    summary:
      'Track failures and timeouts per dependency; past a threshold stop calling it for a while and fail fast, then let a few trial calls through to see if it has recovered.',
    cures: ['one slow service slowing every caller', 'callers exhausting pools while waiting', 'a recovering service knocked over again'],
    answers: ['cascading_failure', 'retry_storm', 'pool_exhaustion'],
    primaryFor: ['cascading_failure'],
    premature: 'Premature before calls have timeouts: a breaker counts failures, and a call that hangs never fails. Add timeouts first.',
    tryFirst: ['timeouts'],
    costs: ['requests fail while the breaker is open', 'thresholds to tune per dependency', 'needs a fallback answer'],
    stage: 'protect',
    related: ['timeouts', 'bulkheads', 'load-shedding', 'retries-with-backoff'],
    facts: [
      'Example: after a deploy one of 50 services answers in 500 ms instead of 50 ms and within minutes the whole system is slow; breaking that circuit makes callers fail fast.',
    ],
  },
  {
    id: 'bulkheads',
    name: 'Bulkheads',
    summary:
      'Give each downstream dependency its own connection pool, thread pool or concurrency limit so that one slow dependency can only use up its own share.',
    cures: ['one slow dependency taking every connection or thread', 'unrelated endpoints failing together'],
    answers: ['cascading_failure', 'pool_exhaustion'],
    premature: 'Premature with one or two dependencies that fail together anyway. Check whether a slow dependency has ever starved unrelated requests.',
    tryFirst: ['timeouts'],
    costs: ['idle capacity reserved in each compartment', 'more pools to size'],
    stage: 'protect',
    related: ['circuit-breakers', 'pool-sizing', 'timeouts'],
  },
  {
    id: 'retries-with-backoff',
    name: 'Retries with exponential backoff and jitter',
    summary:
      'Retry only transient failures, a capped number of times, waiting exponentially longer with a random spread between attempts so clients do not retry in step. ' +
      'Honour Retry-After when the server sends it.',
    cures: ['retries multiplying load on a struggling service', 'synchronized retry waves at 1 s, 2 s, 4 s', 'a recovering service flattened by queued retries'],
    answers: ['retry_storm', 'thundering_herd', 'cascading_failure'],
    primaryFor: ['retry_storm'],
    premature: 'Not premature wherever retries exist. Check first that each layer does not retry on its own: three layers of three attempts is 27 calls.',
    tryFirst: ['idempotency'],
    costs: ['higher tail latency for the requests that retry', 'retries still add load unless capped by a budget'],
    stage: 'protect',
    related: ['circuit-breakers', 'idempotency', 'ttl-jitter', 'rate-limiting', 'dead-letter-queues'],
    facts: [
      'Google SRE caps a request at 3 attempts.',
      'Retry storms show as http.request.resend_count > 0 and as more client attempts than server spans.',
    ],
  },
  {
    id: 'redundancy',
    name: 'Redundancy and failover',
    summary:
      'Remove single points of failure: at least two app servers, a paired load balancer, a standby database promoted without manual steps, several DNS servers, data in more than one availability zone.',
    cures: ['one machine failure causing a full outage', 'hours of downtime while a server is rebuilt'],
    answers: [],
    premature:
      'Match it to business impact: a 100-user product can live with some single points; a payment system cannot. Trace a request and ask what stops if each part fails.',
    tryFirst: [],
    costs: ['paying for standby capacity', 'failover paths that break if never tested'],
    stage: 'protect',
    related: ['horizontal-scaling', 'load-balancing', 'read-replicas', 'multi-region'],
    facts: ['Writes are unavailable while a primary database fails over, even if replicas keep serving reads.'],
  },
  {
    id: 'gradual-ramp-up',
    name: 'Gradual ramp-up and readiness checks',
    summary:
      'Send traffic to a new or recovered instance slowly, and only after a readiness probe says it has warmed caches and opened connections. ' +
      'The rest of the fleet does not shift load onto it all at once.',
    cures: ['new instances overwhelmed right after a scale-out', 'a recovered service flooded by queued requests', 'cold caches on fresh instances'],
    answers: ['thundering_herd', 'cascading_failure'],
    premature: 'Premature for a fixed fleet that rarely restarts. Check whether errors spike right after deploys or scale-outs.',
    tryFirst: [],
    costs: ['capacity arrives later', 'probes to write and keep honest'],
    stage: 'protect',
    related: ['autoscaling', 'load-balancing', 'request-coalescing'],
    facts: [
      'Herds form on cache expiry, on service recovery, on lock release and when health checks mark many new instances healthy at once.',
      'Pre-built machine or container images shorten the 2 to 5 minutes a new instance needs.',
    ],
  },
];
