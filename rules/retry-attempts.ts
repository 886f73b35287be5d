// Which client calls were retries. Two signals: http.request.resend_count > 0 (set by instrumentations that
// record each attempt as its own span), and sibling client spans under one parent repeating the very same
// request (same method and full URL, or the same raw statement) after the previous attempt failed. Repeats
// that follow successes are fan-out or N+1, not retries.
import { memoizeBySpan } from './span-memo.ts';
import type { Span } from '../common/telemetry.ts';
import { isConnectionSpan } from './db-spans.ts';
import type { EvidenceSpan } from './evidence.ts';
import { dbQueryTextOf, destinationOf, numberAttribute, stringAttribute } from './span-attributes.ts';
import { isFailed } from './span-outcome.ts';
import { byStart } from './span-timing.ts';

export interface RetryChain {
  /** Attempts of one logical call, oldest first. */
  attempts: EvidenceSpan[];
}

export interface DestinationCalls {
  service: string;
  destination: string;
  attempts: EvidenceSpan[];
  /** Attempts that were retries (resend_count > 0, or a repeat after a failed attempt). */
  retries: EvidenceSpan[];
  /** Sibling chains with at least one retry, for the spacing between attempts. */
  chains: RetryChain[];
  /** Most attempts seen for one logical call. */
  maxAttempts: number;
}

/** What makes two sibling calls "the same request" (once per span). */
const requestIdentity = memoizeBySpan((span: Span): string => {
  const method = stringAttribute(span, ['http.request.method', 'http.method']);
  const url = stringAttribute(span, ['url.full', 'http.url']);
  if (method !== undefined || url !== undefined) return `${method ?? ''} ${url ?? span.name}`;
  const rpc = stringAttribute(span, ['rpc.method']);
  if (rpc !== undefined) return `rpc ${stringAttribute(span, ['rpc.service']) ?? ''}/${rpc}`;
  return `${span.name} ${dbQueryTextOf(span) ?? ''}`;
});

/** Chains of repeated identical sibling calls in which every attempt but the last failed. */
function chainsUnder(siblings: readonly EvidenceSpan[]): RetryChain[] {
  const byIdentity = new Map<string, EvidenceSpan[]>();
  for (const span of siblings) {
    const id = requestIdentity(span);
    const list = byIdentity.get(id);
    if (list === undefined) byIdentity.set(id, [span]);
    else list.push(span);
  }
  const chains: RetryChain[] = [];
  for (const list of byIdentity.values()) {
    if (list.length < 2) continue;
    list.sort(byStart);
    let current: EvidenceSpan[] = [list[0]];
    for (const span of list.slice(1)) {
      const previous = current[current.length - 1];
      // A repeat counts as a retry only after a failure, and only once the failed attempt was over.
      if (isFailed(previous) && span.startTimeUnixNano >= previous.endTimeUnixNano - 1_000_000n) current.push(span);
      else {
        if (current.length > 1) chains.push({ attempts: current });
        current = [span];
      }
    }
    if (current.length > 1) chains.push({ attempts: current });
  }
  return chains;
}

/** Client calls grouped by calling service and destination, with their retries. */
interface ClientCallFacts {
  id: string;
  destination: string;
  resend: number;
  /** Calls to the same destination under the same parent share this (null for a root span). */
  siblingId: string | null;
}

/** Per span, once: which destination group and sibling group a client call belongs to. */
const clientCallFacts = memoizeBySpan((span: EvidenceSpan): ClientCallFacts | null => {
  if (span.kind !== 'client' || isConnectionSpan(span)) return null;
  const destination = destinationOf(span);
  if (destination === undefined) return null;
  const id = `${span.resource.serviceName}\u0000${destination}`;
  return {
    id,
    destination,
    resend: numberAttribute(span, ['http.request.resend_count', 'http.resend_count']) ?? 0,
    siblingId: span.parentSpanId === '' ? null : `${id}\u0000${span.traceId}\u0000${span.parentSpanId}`,
  };
});

export function callsByDestination(spans: readonly EvidenceSpan[]): DestinationCalls[] {
  const groups = new Map<string, DestinationCalls>();
  const siblings = new Map<string, { group: DestinationCalls; list: EvidenceSpan[] }>();
  for (const span of spans) {
    const facts = clientCallFacts(span);
    if (facts === null) continue;
    let group = groups.get(facts.id);
    if (group === undefined) {
      group = { service: span.resource.serviceName, destination: facts.destination, attempts: [], retries: [], chains: [], maxAttempts: 1 };
      groups.set(facts.id, group);
    }
    group.attempts.push(span);
    if (facts.resend > 0) {
      group.retries.push(span);
      group.maxAttempts = Math.max(group.maxAttempts, facts.resend + 1);
    }
    if (facts.siblingId === null) continue;
    const entry = siblings.get(facts.siblingId);
    if (entry === undefined) siblings.set(facts.siblingId, { group, list: [span] });
    else entry.list.push(span);
  }
  for (const { group, list } of siblings.values()) {
    if (list.length < 2) continue;
    const counted = new Set(group.retries.map((s) => s.spanId));
    for (const chain of chainsUnder(list)) {
      group.chains.push(chain);
      group.maxAttempts = Math.max(group.maxAttempts, chain.attempts.length);
      for (const retry of chain.attempts.slice(1)) if (!counted.has(retry.spanId)) group.retries.push(retry);
    }
  }
  return [...groups.values()];
}
