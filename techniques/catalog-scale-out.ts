// More machines for the application tier: statelessness first, then balancing and automatic capacity.
import type { Technique } from './technique.ts';

export const SCALE_OUT_TECHNIQUES: readonly Technique[] = [
  {
    id: 'horizontal-scaling',
    name: 'Horizontal scaling (scale out)',
    summary:
      'Add more instances and spread the load across them instead of growing one machine. ' +
      'App servers are the easy tier to scale this way; databases are the hard one.',
    cures: ['one app server saturated', 'no headroom left on the largest machine', 'one machine failure taking the service down'],
    answers: ['cpu_saturation', 'memory_pressure', 'network_saturation'],
    premature:
      'Premature when the bottleneck is the database: more app servers only send it more queries. Check where the time goes in traces first.',
    tryFirst: ['profiling', 'vertical-scaling', 'stateless-services'],
    costs: ['distributed-systems problems: consistency, service discovery, network overhead', 'state must live outside the process'],
    stage: 'scale-out',
    related: ['load-balancing', 'stateless-services', 'autoscaling', 'redundancy'],
    facts: [
      'The first split, one server into two, is the painful one; growing from two to twenty reuses the answers already found.',
      'Running two app instances from day one forces statelessness early and survives one machine failing.',
      'N+1: if N instances carry peak load, run N+1; the spare usually costs 10 to 20% of infrastructure spend.',
    ],
  },
  {
    id: 'stateless-services',
    name: 'Stateless services',
    summary:
      'Keep nothing about a client in a server\'s memory or disk between requests, so any instance can serve any request. ' +
      'Sessions go to a shared store such as Redis, uploads to object storage, shared caches to a distributed cache, cron jobs to one scheduler.',
    cures: ['sticky sessions pinning users to one server', 'sessions lost when a server dies', 'new instances that need state copied before they help'],
    answers: ['hot_spot'],
    premature:
      'Not premature: it costs little in a new app and a lot to retrofit. Before adding a second instance, check for in-memory sessions, local uploads and per-server cron jobs.',
    tryFirst: [],
    costs: ['a network call to the session store', 'the shared store becomes a dependency to keep available'],
    stage: 'scale-out',
    related: ['horizontal-scaling', 'load-balancing', 'caching', 'autoscaling'],
    facts: [
      'Redis is the usual session store for its low latency and built-in expiry.',
      'With sticky sessions, a heavy user stays pinned to one server and can turn it into a hot spot.',
    ],
  },
  {
    id: 'load-balancing',
    name: 'Load balancing',
    summary:
      'Put a balancer in front of identical instances to send each request to a healthy, lightly loaded one and drop failed instances via health checks. ' +
      'Run the balancer itself as an active-passive or active-active pair.',
    cures: ['one instance overloaded while others idle', 'requests sent to dead instances', 'no way to add capacity without downtime'],
    answers: ['hot_spot', 'cpu_saturation'],
    premature: 'Premature while there is a single instance and no plan for a second. Make the app stateless before balancing it.',
    tryFirst: ['stateless-services'],
    costs: ['one more hop and component', 'the balancer is a single point of failure unless paired'],
    stage: 'scale-out',
    related: ['horizontal-scaling', 'gradual-ramp-up', 'redundancy', 'api-gateway'],
  },
  {
    id: 'autoscaling',
    name: 'Autoscaling with cooldowns',
    summary:
      'Add and remove instances from a metric (CPU, request rate, latency, queue depth) by target tracking or step policies. ' +
      'A cooldown after each change stops the scaler from reacting to instances that are still starting.',
    cures: ['paying for peak capacity all day', 'manual scrambling during spikes', 'queue backlogs that grow with traffic'],
    answers: ['cpu_saturation'],
    premature:
      'Premature while the app keeps state in memory or while one database behind it is already saturated: more instances add load there. Check instance startup time too.',
    tryFirst: ['stateless-services', 'load-balancing'],
    costs: ['minutes of lag while new instances boot', 'oscillation if cooldowns and thresholds are wrong', 'a cost spike if limits are loose'],
    stage: 'scale-out',
    related: ['scheduled-scaling', 'horizontal-scaling', 'gradual-ramp-up', 'message-queues'],
    facts: [
      'Target tracking example: hold average CPU at 60%. Step example: add 2 instances above 70%, 5 above 90%.',
      'Cooldowns are typically 3 to 5 minutes (300 s); new instances take 2 to 5 minutes to boot, warm caches and open connections.',
      'I/O-bound services can be overloaded at low CPU: scale them on latency or queue depth.',
      'Starting points: 70 to 80% CPU for a Kubernetes HPA; at least 2 replicas for any critical service.',
      'HPA example: 2 to 10 pods, targeting 50 queued items per pod from a custom metric.',
      'Against a 5x spike a 60% target reacts too late; a 40% target or step scaling reacts sooner.',
    ],
  },
  {
    id: 'scheduled-scaling',
    name: 'Scheduled and predictive scaling',
    summary:
      'Add capacity before a known peak (a campaign, business hours, a weekly surge) rather than after metrics rise. ' +
      'Predictive scaling learns recurring patterns and does the same automatically.',
    cures: ['slow responses for the first minutes of every known spike'],
    answers: ['cpu_saturation'],
    premature: 'Premature when traffic has no repeating pattern and no dated events. Reactive autoscaling covers that case.',
    tryFirst: ['autoscaling', 'capacity-planning'],
    costs: ['idle capacity when the predicted surge is smaller than expected'],
    stage: 'scale-out',
    related: ['autoscaling', 'capacity-planning'],
    facts: ['For a surge that arrives every Monday at 9:00, start adding instances around 8:45.'],
  },
  {
    id: 'infrastructure-as-code',
    name: 'Infrastructure as code',
    summary:
      'Describe servers, balancers, scaling groups and databases in versioned files (Terraform, CloudFormation) and apply them with a tool. ' +
      'A new environment or a larger fleet comes up the same way every time.',
    cures: ['hand-built servers that differ from each other', 'hours to add capacity', 'no record of what changed'],
    answers: [],
    premature: 'Premature for one hand-managed server that rarely changes. It pays off once there are several environments or scaling groups.',
    tryFirst: [],
    costs: ['learning the tool', 'state files to guard', 'drift when someone edits by hand'],
    stage: 'scale-out',
    related: ['autoscaling', 'load-balancing'],
    facts: ['A typical web tier: an autoscaling group of 2 to 10 instances behind an application load balancer, scaling out above 70% CPU for 2 minutes, cooldown 300 s.'],
  },
  {
    id: 'serverless',
    name: 'Serverless functions',
    summary:
      'Deploy functions that the provider runs per event (HTTP, queue message, schedule) and bills per execution, scaling from zero to thousands of copies. ' +
      'AWS Lambda, Google Cloud Functions and Azure Functions lead the field.',
    cures: ['paying for idle servers under bursty traffic', 'capacity planning for rare spikes'],
    answers: [],
    premature:
      'Premature for steady high traffic, long jobs or code that needs in-memory state: plain instances are cheaper there. Check how bursty the load really is.',
    tryFirst: ['autoscaling'],
    costs: ['cold starts', 'limits on runtime and memory', 'platform lock-in', 'each copy opens its own DB connections'],
    stage: 'scale-out',
    related: ['external-pooler', 'edge-computing', 'message-queues', 'event-driven-architecture'],
    facts: [
      'Lambda cold starts add roughly 100 to 1,000 ms depending on runtime and package size; provisioned concurrency keeps copies warm for a fee.',
      'A function called 10 times a day and 100,000 times in a campaign costs almost nothing between campaigns.',
    ],
  },
];
