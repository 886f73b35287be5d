// Two integer ids (string ids or NONE) as one Map key, so a rule can group rows by a pair without building a
// string per row.

/** One key per (a, b) for ids in [-1, 2³¹): a number while that is exact (a below about two million), else a string. */
export function idPair(a: number, b: number): number | string {
  return a + 1 < 2 ** 21 ? (a + 1) * 2 ** 32 + (b + 1) : `${a}:${b}`;
}
