// Fewer and smaller trips over the network: compression, reused connections, batched calls.
import type { Technique } from './technique.ts';

export const NETWORK_TECHNIQUES: readonly Technique[] = [
  {
    id: 'compression',
    name: 'Payload compression',
    summary:
      'Compress responses and large messages (gzip or Brotli) and minify text assets so fewer bytes cross the link. ' +
      'Text formats such as JSON, HTML and CSS often shrink several times over.',
    cures: ['network link near its capacity', 'large JSON responses slow over slow links', 'egress bills driven by text payloads'],
    answers: ['network_saturation'],
    primaryFor: ['network_saturation'],
    premature:
      'Premature when payloads are already compressed (images, video, archives) or when the host is CPU-bound: compressing costs CPU. Check the content types behind the bytes.',
    tryFirst: [],
    costs: ['CPU on both ends', 'a little latency for small payloads'],
    stage: 'optimize',
    related: ['cdn', 'pagination', 'eliminate-unnecessary-work', 'call-batching'],
    facts: [
      'Sentry flags HTTP responses over 300 KB taking 100 ms or more, and uncompressed assets of 500 KB or more.',
      'A 1 Gbps link carrying 900 Mbps is saturated no matter how much CPU is left.',
    ],
  },
  {
    id: 'keep-alive',
    name: 'HTTP keep-alive and connection reuse',
    summary:
      'Reuse TCP and TLS connections across requests to the same host with a keep-alive agent or a client-side connection pool instead of opening one per call.',
    cures: ['a TCP and TLS handshake on every outbound call', 'ephemeral ports or file descriptors running out', 'SYN floods on a dependency after a spike'],
    answers: ['no_connection_reuse', 'network_saturation', 'chatty_calls'],
    premature: 'Hardly premature for service-to-service calls. Check the client\'s agent settings; some runtimes do not keep connections alive by default.',
    tryFirst: [],
    costs: ['idle connections held open', 'stale connections closed by the server must be retried'],
    stage: 'optimize',
    related: ['connection-pooling', 'runtime-tuning', 'call-batching'],
    facts: ['Keep-alive and connection reuse are on the list of cheap network settings to review before buying hardware.'],
  },
  {
    id: 'call-batching',
    name: 'Batching outbound calls',
    summary:
      'Replace many small calls to the same service with one bulk call (get many ids at once), or run independent calls in parallel. ' +
      'A data-loader collects the ids requested in one tick and sends them together.',
    cures: ['dozens of sequential calls to one service per request', 'latency that is mostly round trips', 'chatty service-to-service traffic'],
    answers: ['chatty_calls', 'n_plus_one', 'network_saturation', 'missing_batching'],
    primaryFor: ['chatty_calls'],
    premature: 'Premature when the callee has no bulk endpoint and is owned by another team; start by running the independent calls in parallel.',
    tryFirst: ['keep-alive'],
    costs: ['a bulk API to build and version', 'one slow item delays the whole batch'],
    stage: 'optimize',
    related: ['eager-loading', 'write-batching', 'caching', 'microservices'],
    facts: ['Sentry flags N+1 API calls at 10 or more GETs to the same parameterized URL started within 5 ms under one parent.'],
  },
];
