// A read-only copy of the store's string dictionary for a thread that packs rows for the writer (the receivers'
// thread). It knows the ids the writer has committed and reported; strings it does not know go into the batch
// (as `strings` behind negative refs, or `wanted` for blobs, which then carry them inline this time).
import { MAX_CACHED_STRINGS } from './string-dictionary.ts';
import { PENDING, REQUESTED, type PackDictionary } from './pack-dictionary.ts';

export class DictionaryMirror implements PackDictionary {
  generation = 0;
  private readonly ids = new Map<string, number>();
  private strings: string[] = [];
  private readonly stringRefs = new Map<string, number>();
  private wanted = new Set<string>();

  /** Learns committed ids (from the writer, after its commits). */
  learn(entries: readonly (readonly [number, string])[]): void {
    if (entries.length === 0) return;
    for (const [id, value] of entries) {
      if (this.ids.size >= MAX_CACHED_STRINGS) break;
      this.ids.set(value, id);
    }
    // Encoders cache which keys had no id; let them look again.
    this.generation += 1;
  }

  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }

  request(value: string): number {
    if (this.wanted.has(value)) return PENDING;
    this.wanted.add(value);
    return REQUESTED;
  }

  ref(value: string): number {
    const id = this.ids.get(value);
    if (id !== undefined) return id;
    let ref = this.stringRefs.get(value);
    if (ref === undefined) {
      this.strings.push(value);
      ref = -this.strings.length;
      this.stringRefs.set(value, ref);
    }
    return ref;
  }

  /** The batch's unresolved strings and wishes; starts the next batch. */
  takeBatch(): { strings: string[]; wanted: string[] } {
    const batch = { strings: this.strings, wanted: [...this.wanted] };
    this.strings = [];
    this.stringRefs.clear();
    this.wanted = new Set();
    return batch;
  }
}
