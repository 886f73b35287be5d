// The fsync/write spans of the window, for the disk-io-saturation rule: instrumentation-fs names spans
// "fs <function>"; apps name their own flush/fsync spans. Names repeat, so the pattern is tried once per
// distinct name (by its string id) rather than once per span.
import type { EvidenceSpan } from './evidence.ts';
import type { SpanColumns, StringIds } from './span-columns.ts';
import { SPAN_NAME } from './span-facts.ts';

const DISK_SPAN = /\bf(data)?sync|^fs (write|append|writev|writeFile|appendFile)/i;

/** Per string table: name id → whether it names a disk span (ids keep their string while the table lives). */
const verdicts = new WeakMap<StringIds, Map<number, boolean>>();

export function diskSpansOf(columns: SpanColumns): EvidenceSpan[] {
  const names = columns.fact(SPAN_NAME);
  let known = verdicts.get(columns.strings);
  if (known === undefined) verdicts.set(columns.strings, (known = new Map<number, boolean>()));
  const out: EvidenceSpan[] = [];
  // Consecutive spans often share a name: the last verdict saves most lookups.
  let lastName = -1;
  let lastVerdict = false;
  for (let row = 0; row < columns.length; row += 1) {
    const name = names[row];
    if (name !== lastName) {
      let verdict = known.get(name);
      if (verdict === undefined) {
        verdict = DISK_SPAN.test(columns.strings.value(name));
        known.set(name, verdict);
      }
      lastName = name;
      lastVerdict = verdict;
    }
    if (lastVerdict) out.push(columns.spans[row]);
  }
  return out;
}
