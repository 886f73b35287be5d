// The one place SQL text is put together from parts. Values never go into SQL text: they are bound as `?`
// parameters. What may go in is SqlText made here — column lists from constants in code (each name checked
// against a plain-identifier pattern when the module loads), runs of placeholders, integers for PRAGMAs (which
// take no parameters), or other SqlText — and the `sql` tag accepts nothing else, so TypeScript refuses
// sql`… ${someString}`. ESLint's no-restricted-syntax (eslint.config.js) refuses SQL put together any other way.

declare const SQL_TEXT: unique symbol;

/** SQL text that holds no value from outside the code: a string only this module makes. */
export type SqlText = string & { readonly [SQL_TEXT]: true };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** SQL text from a template whose every interpolation is SqlText. */
export function sql(strings: TemplateStringsArray, ...parts: readonly SqlText[]): SqlText {
  let text = strings[0] ?? '';
  parts.forEach((part, index) => {
    text += part + (strings[index + 1] ?? '');
  });
  return text as SqlText;
}

/** `a, b, c` from column (or table) names fixed in code; throws on anything that is not a plain identifier. */
export function sqlIdentifiers(names: readonly string[]): SqlText {
  if (names.length === 0) throw new RangeError('an SQL identifier list needs at least one name');
  for (const name of names) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`"${name}" is not a plain SQL identifier`);
  }
  return names.join(', ') as SqlText;
}

/** `?, ?, ?`: one placeholder per bound value. */
export function sqlPlaceholders(count: number): SqlText {
  if (!Number.isSafeInteger(count) || count < 1) throw new RangeError(`${count} is not a number of placeholders`);
  return Array.from({ length: count }, () => '?').join(', ') as SqlText;
}

/** `(?, ?), (?, ?)`: `rows` parenthesized groups of `columns` placeholders, for a multi-row VALUES. */
export function sqlValueRows(rows: number, columns: number): SqlText {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`${rows} is not a number of rows`);
  const row = `(${sqlPlaceholders(columns)})`;
  return Array.from({ length: rows }, () => row).join(', ') as SqlText;
}

/** An integer as SQL text, for PRAGMA arguments (which cannot be bound); throws for anything but a safe integer. */
export function sqlInteger(value: number): SqlText {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer`);
  return String(value) as SqlText;
}
