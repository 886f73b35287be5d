// Taking work off the request path: queues, events, and what makes consuming them safe.
import type { Technique } from './technique.ts';

export const ASYNC_TECHNIQUES: readonly Technique[] = [
  {
    id: 'message-queues',
    name: 'Queues and background workers',
    summary:
      'Put work the user need not wait for (email, image resizing, reports, third-party sync) on a queue and answer at once; workers consume it at their own pace. ' +
      'RabbitMQ, SQS, Kafka and Pub/Sub are common brokers.',
    cures: ['requests that time out on long jobs', 'spikes that overload a downstream system', 'a failed dependency failing user requests'],
    answers: ['cascading_failure', 'event_loop_blocked', 'cpu_saturation', 'missing_batching'],
    premature:
      'Premature when the slow step is one unindexed query or when the user needs the result in the response. Check which part of the request could finish later.',
    tryFirst: ['indexing', 'query-optimization', 'caching'],
    costs: ['eventual completion instead of an immediate result', 'a broker to run', 'duplicate deliveries, so consumers must be idempotent'],
    stage: 'go-async',
    related: ['idempotency', 'dead-letter-queues', 'event-driven-architecture', 'autoscaling', 'backpressure'],
    facts: [
      'Workers can be scaled on queue depth: more consumers when the backlog grows.',
      'Moving a video-encoding pipeline onto SNS and SQS cut average encoding time by 60% and removed user-facing timeouts in one reported case.',
      'A message stays on the queue while its consumer is down and is processed after recovery.',
    ],
  },
  {
    id: 'event-driven-architecture',
    name: 'Event-driven architecture',
    summary:
      'Do only the step the user must wait for synchronously, then publish an event; other services consume it independently. ' +
      'An order service takes the payment and emits "order completed"; inventory, notifications and analytics react on their own.',
    cures: ['a chain of synchronous calls as slow as its slowest service', 'one slow consumer slowing every request', 'services that cannot scale apart'],
    answers: ['cascading_failure', 'chatty_calls'],
    premature: 'Premature while one process does the work and the call chain is short. Check how many synchronous hops a request makes.',
    tryFirst: ['message-queues'],
    costs: ['flows become hard to trace end to end', 'eventual consistency between services', 'event schemas to version'],
    stage: 'go-async',
    related: ['message-queues', 'cqrs', 'event-sourcing', 'microservices'],
    facts: [
      'Each consumer scales on its own load: notifications may need 5 instances while analytics needs 20.',
      'Kafka topics split into partitions so several consumers process events in parallel.',
    ],
  },
  {
    id: 'dead-letter-queues',
    name: 'Dead-letter queues',
    summary:
      'Move a message that keeps failing, or that has expired, to a separate queue for inspection instead of retrying it forever. ' +
      'One bad message then cannot block the queue.',
    cures: ['a poison message retried endlessly', 'a queue stuck behind one item', 'failed jobs silently dropped'],
    answers: ['retry_storm'],
    premature: 'Premature only for queues whose messages may be dropped freely. Set it up together with the queue.',
    tryFirst: [],
    costs: ['someone has to watch and replay the dead-letter queue'],
    stage: 'go-async',
    related: ['message-queues', 'retries-with-backoff', 'idempotency'],
  },
  {
    id: 'idempotency',
    name: 'Idempotent operations',
    summary:
      'Make handling the same request or message twice have the same effect as once, with an idempotency key or a check of what was already applied. ' +
      'Retries and redeliveries then become safe.',
    cures: ['double charges after a retry', 'duplicates after a redelivered message'],
    answers: ['retry_storm'],
    premature: 'Not premature for anything that moves money or sends messages. Check which handlers can be retried by a client or a broker.',
    tryFirst: [],
    costs: ['storage for processed keys', 'design effort for each operation'],
    stage: 'go-async',
    related: ['retries-with-backoff', 'message-queues', 'dead-letter-queues'],
    facts: ['A transient API error on a payment message, retried without idempotency, could have charged a customer twice.'],
  },
];
