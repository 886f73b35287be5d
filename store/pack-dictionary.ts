// What the row encoders (attributes, span extras, promoted columns, span packer) need from a string dictionary.
// Two implementations: the store's own StringDictionary (in the writing thread: ids are assigned at once) and
// DictionaryMirror (in a thread that prepares rows for the writer: it knows only committed ids and asks for the rest).

/** `request` result: the string was asked for just now; write it inline this time, it gets an id later. */
export const REQUESTED = 0;
/** `request` result: the string was already asked for and has no id yet; write it inline. */
export const PENDING = -1;

export interface PackDictionary {
  /** Bumped whenever ids cached by a caller may be stale or new ones became known: drop such caches. */
  readonly generation: number;
  /** Id of a string known to be stored, else undefined. */
  lookup(value: string): number | undefined;
  /**
   * Asks for `value` (not found by lookup) to be stored. Returns its id (> 0) when it was added now,
   * REQUESTED when it will be added by the writer later, or PENDING when that was already asked for.
   */
  request(value: string): number;
  /**
   * A reference for a column value that is always dictionary-coded: the id (> 0), or a negative number that the
   * writer resolves to an id (see PackedSpans.strings).
   */
  ref(value: string): number;
}
