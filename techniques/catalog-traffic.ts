// Controlling how much work enters the system: shedding, backpressure, rate limits and one front door.
import type { Technique } from './technique.ts';

export const TRAFFIC_TECHNIQUES: readonly Technique[] = [
  {
    id: 'load-shedding',
    name: 'Load shedding',
    summary:
      'When demand exceeds capacity, reject the excess at the entry with an immediate 503 or 429 instead of queuing it, so the requests that are accepted still succeed. ' +
      'Shed low-priority traffic first.',
    cures: ['throughput collapsing under overload', 'every request slow instead of some rejected', 'queues growing without bound'],
    answers: ['cascading_failure', 'cpu_saturation', 'memory_pressure'],
    premature: 'Premature while the system never runs out of capacity. Check whether latency and errors climb together at peak before adding it.',
    tryFirst: ['timeouts'],
    costs: ['some users get errors by design', 'needs a priority scheme to shed the right requests'],
    stage: 'protect',
    related: ['backpressure', 'rate-limiting', 'circuit-breakers', 'autoscaling'],
    facts: ['Rejecting 10% of requests quickly beats accepting them all and then failing half after burning resources.'],
  },
  {
    id: 'backpressure',
    name: 'Backpressure',
    summary:
      'Let each layer signal when it is full (bounded queues, 429 with Retry-After, a paused stream) so producers slow down instead of piling up work. ' +
      'It only works if every layer on the path takes part.',
    cures: ['unbounded in-memory queues', 'memory growing during spikes', 'work accepted that will time out anyway'],
    answers: ['memory_pressure', 'cascading_failure', 'event_loop_blocked'],
    premature: 'Premature for a single process with no queue between stages. Check for unbounded buffers first: each one needs a limit.',
    tryFirst: ['timeouts'],
    costs: ['producers must handle being refused', 'a limit set too low wastes capacity'],
    stage: 'protect',
    related: ['load-shedding', 'message-queues', 'rate-limiting', 'async-io'],
    facts: ['A single component on the path with an unbounded queue becomes the place where load piles up.'],
  },
  {
    id: 'rate-limiting',
    name: 'Rate limiting',
    summary:
      'Cap how many requests each client, tenant or key may make per interval (token bucket, sliding window) and answer 429 above it. ' +
      'One noisy client cannot use up capacity meant for everyone.',
    cures: ['one client or tenant flooding the service', 'abusive or buggy retry loops', 'cost spikes from scrapers'],
    answers: ['retry_storm', 'hot_spot', 'cpu_saturation'],
    premature: 'Premature while traffic is spread evenly and below capacity. Check traffic per client: if no single client dominates, shedding fits better.',
    tryFirst: [],
    costs: ['legitimate bursts get refused', 'a shared counter (often Redis) to run'],
    stage: 'protect',
    related: ['load-shedding', 'api-gateway', 'backpressure', 'retries-with-backoff'],
  },
  {
    id: 'api-gateway',
    name: 'API gateway',
    summary:
      'Route all client requests through one entry point (AWS API Gateway, Kong) that handles authentication, rate limits, routing and response caching before the services see them.',
    cures: ['every service reimplementing auth and limits', 'services exposed directly to clients'],
    answers: [],
    premature: 'Premature with one backend: a load balancer and middleware in the app do the same job. It pays off with several services.',
    tryFirst: ['load-balancing'],
    costs: ['an extra hop', 'a shared component every team depends on', 'a single point of failure unless redundant'],
    stage: 'decompose',
    related: ['rate-limiting', 'microservices', 'load-balancing'],
  },
];
