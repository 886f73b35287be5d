// Spans stay in the evidence window for many evaluations, and every rule asks the same questions of them
// (is it a DB call, where does it go). Pure per-span answers are remembered for the span's lifetime.
import type { Span } from '../common/telemetry.ts';

/** Remembered answers ride on the span object itself: a property read is far cheaper than a WeakMap lookup. */
const MEMO = Symbol('chokepoint.span-memo');
type Memo = Map<unknown, unknown>;
type WithMemo = { [MEMO]?: Memo };

/** `fn` computed once per span object (spans are never changed once they are evidence). */
export function memoizeBySpan<S extends Span, T>(fn: (span: S) => T): (span: S) => T {
  return (span: S): T => {
    const holder = span as S & WithMemo;
    let memo = holder[MEMO];
    if (memo === undefined) {
      memo = new Map();
      Object.defineProperty(holder, MEMO, { value: memo, enumerable: false });
    }
    if (memo.has(fn)) return memo.get(fn) as T;
    const value = fn(span);
    memo.set(fn, value);
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
