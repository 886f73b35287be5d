// Structural changes: splitting the system, separating read and write models, choosing stores, moving code to the edge.
import type { Technique } from './technique.ts';

export const ARCHITECTURE_TECHNIQUES: readonly Technique[] = [
  {
    id: 'functional-partitioning',
    name: 'Functional partitioning of tiers',
    summary:
      'Deploy the public web tier, internal APIs and background workers separately, so each gets the instance count its own load needs.',
    cures: ['background jobs starving web requests', 'scaling every tier for the needs of one'],
    answers: ['cpu_saturation'],
    premature: 'Premature while one deployment has headroom. Check whether batch work and web traffic peak together on the same hosts.',
    tryFirst: ['message-queues'],
    costs: ['more deployments to run'],
    stage: 'decompose',
    related: ['microservices', 'message-queues', 'autoscaling'],
    facts: ['Workers may need 40 servers during a batch window while the web tier needs 10.'],
  },
  {
    id: 'microservices',
    name: 'Microservices split',
    summary:
      'Split the monolith into services with their own data and deployments along business boundaries, so teams ship and scale parts independently.',
    cures: ['teams blocking each other on one deployment', 'one component\'s scaling needs dictating the whole app'],
    answers: [],
    premature:
      'Premature before the monolith is under real strain or before product-market fit. Check that the pain is deploys and team coupling, not a slow query or a missing cache.',
    tryFirst: ['functional-partitioning', 'message-queues'],
    costs: ['network calls where function calls were', 'distributed failures and tracing', 'data consistency across services', 'chatty calls if boundaries are wrong'],
    stage: 'decompose',
    related: ['event-driven-architecture', 'api-gateway', 'polyglot-persistence', 'circuit-breakers'],
    facts: [
      'The articles put service decomposition last, around 200 million users.',
      'Adding a service mesh while there are only a few services is cited as a typical case of the right tool applied too early.',
    ],
  },
  {
    id: 'cqrs',
    name: 'CQRS (separate read and write models)',
    summary:
      'Handle commands with a model built for validation and integrity, and queries with a separate, denormalized read model that projections update from events. ' +
      'Each side is scaled and tuned on its own.',
    cures: ['one schema serving very different read and write patterns badly', 'read load and write load that must scale separately'],
    answers: [],
    premature:
      'Premature for CRUD where reads and writes look alike. Check whether read-write splitting and a cache already fix the read side.',
    tryFirst: ['read-write-splitting', 'caching', 'materialized-views'],
    costs: ['two models to keep in sync', 'reads lag writes by milliseconds to seconds', 'much more code'],
    stage: 'decompose',
    related: ['event-sourcing', 'materialized-views', 'denormalization', 'read-write-splitting'],
    facts: ['A social feed fits: posts are the write model, personalized feeds a very different read model.'],
  },
  {
    id: 'event-sourcing',
    name: 'Event sourcing',
    summary:
      'Store every change as an event in an append-only log and derive current state by replaying it; read models are projections of the log.',
    cures: ['no history of how state changed', 'read models that need rebuilding from scratch'],
    answers: [],
    premature: 'Premature unless an audit trail or rebuildable projections are a real requirement. A plain table with an audit log covers most needs.',
    tryFirst: ['cqrs'],
    costs: ['event schemas that live forever', 'replay and snapshot machinery', 'unfamiliar to most teams'],
    stage: 'decompose',
    related: ['cqrs', 'event-driven-architecture'],
  },
  {
    id: 'polyglot-persistence',
    name: 'Database choice (polyglot persistence)',
    summary:
      'Use the store that fits each access pattern: relational for transactions, Redis for sessions, counters and leaderboards, a search index for text queries, object storage for files.',
    cures: ['a relational database straining at work it is poorly suited for', 'files stored on app servers'],
    answers: [],
    premature: 'Premature while one relational database handles the load with indexes and a cache. Each new store is another system to run and back up.',
    tryFirst: ['indexing', 'caching'],
    costs: ['more systems to operate', 'data spread across stores', 'no transactions across them'],
    stage: 'decompose',
    related: ['microservices', 'cqrs', 'caching', 'stateless-services'],
  },
  {
    id: 'edge-computing',
    name: 'Edge computing',
    summary:
      'Run request logic on provider nodes close to users (Cloudflare Workers, Lambda@Edge, Fastly Compute): auth checks, geo redirects, bot filtering, A/B splits, personalization. ' +
      'Unlike a CDN it computes a response per request rather than serving one cached copy.',
    cures: ['round trips to a distant origin for simple decisions', 'origin load from bots and redirects'],
    answers: ['network_saturation'],
    premature: 'Premature when a CDN with cache rules already serves most traffic, or the logic needs the origin database. Check what share of requests could be decided without the origin.',
    tryFirst: ['cdn'],
    costs: ['tight memory and CPU limits', 'platform-specific runtimes', 'logic split between edge and origin'],
    stage: 'distribute',
    related: ['cdn', 'serverless', 'multi-region'],
    facts: [
      'Cloudflare Workers run in 300+ cities with cold starts under 5 ms; each isolate gets 128 MB and 30 s of CPU on paid plans.',
      'Lambda@Edge cold starts are around 50 to 200 ms.',
    ],
  },
];
