// Attribute values arrive as JSON of any shape; show them as one readable line.

export function formatAttributeValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return 'null';
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return `[${typeof value}]`;
  }
}

/** Entries sorted by key, for stable tables. */
export function sortedEntries(record: Record<string, unknown>): [string, unknown][] {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
