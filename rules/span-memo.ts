// Spans stay in the evidence window for many evaluations, and every rule asks the same questions of them
// (is it a DB call, where does it go). Pure per-span answers are remembered for the span's lifetime.
import type { Span } from '../common/telemetry.ts';

/**
 * Remembered answers ride on the span object itself, one array slot per memoized function: a property read and
 * an array index are far cheaper than a WeakMap or Map lookup, and these run for every span on every tick.
 */
const MEMO = Symbol('chokepoint.span-memo');
const UNSET: unique symbol = Symbol('unset');
type WithMemo = { [MEMO]?: unknown[] };
let slots = 0;

/** `fn` computed once per span object (spans are never changed once they are evidence). */
export function memoizeBySpan<S extends Span, T>(fn: (span: S) => T): (span: S) => T {
  const slot = slots;
  slots += 1;
  return (span: S): T => {
    const holder = span as S & WithMemo;
    let memo = holder[MEMO];
    if (memo === undefined) {
      memo = new Array<unknown>(Math.max(slots, 16)).fill(UNSET);
      // Writable: a read-only property would turn the span into a slow (dictionary-mode) object.
      Object.defineProperty(holder, MEMO, { value: memo, enumerable: false, writable: true });
    } else if (slot >= memo.length) {
      for (let i = memo.length; i <= slot; i += 1) memo.push(UNSET);
    }
    const known = memo[slot];
    if (known !== UNSET) return known as T;
    const value = fn(span);
    memo[slot] = value;
    return value;
  };
}

/** `fn` of a string, remembered for up to `max` distinct inputs (then computed each time). */
export function memoizeString<T>(fn: (input: string) => T, max = 50_000): (input: string) => T {
  const cache = new Map<string, T>();
  return (input: string): T => {
    const known = cache.get(input);
    if (known !== undefined || cache.has(input)) return known as T;
    const value = fn(input);
    if (cache.size < max) cache.set(input, value);
    return value;
  };
}
