// Turns a database statement into its shape: literals become `?`, comments go, whitespace collapses,
// IN lists and multi-row VALUES collapse. Spans running "the same query" then share one dictionary entry,
// which is what N+1 and hot-query rules group by.

/** Statements longer than this are cut before normalizing (bulk inserts can be megabytes). */
const MAX_INPUT_CHARS = 16_384;
/** The normalized text is capped so one dictionary entry stays small. */
const MAX_OUTPUT_CHARS = 4_096;

/** Words after which a `-` or `+` in front of a number is a sign, not a binary operator. */
const SIGN_CONTEXT_WORDS = new Set([
  'and', 'or', 'not', 'select', 'where', 'then', 'else', 'when', 'values', 'return', 'between',
  'in', 'by', 'limit', 'offset', 'set', 'like', 'is', 'case', 'on', 'having',
]);

const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;
const isSpaceCode = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isWordStartCode = (c: number): boolean => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;

/** ASCII characters that continue an identifier: letters, digits, `_`, `$`, `#`. */
const ASCII_IDENT = new Uint8Array(128);
for (let code = 0; code < 128; code += 1) {
  ASCII_IDENT[code] = isWordStartCode(code) || isDigitCode(code) || code === 36 || code === 35 ? 1 : 0;
}
const LETTER_OR_NUMBER = /[\p{L}\p{N}]/u;

function isIdentCode(sql: string, i: number): boolean {
  const code = sql.charCodeAt(i);
  if (code < 128) return ASCII_IDENT[code] === 1;
  return LETTER_OR_NUMBER.test(sql[i]);
}

/** Index just past a quoted section opened at `start` with `quote`; handles doubled quotes and backslash escapes. */
function skipQuoted(sql: string, start: number, quote: number, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql.charCodeAt(i);
    if (backslashEscapes && c === 92) {
      i += 2;
    } else if (c === quote) {
      if (sql.charCodeAt(i + 1) !== quote) return i + 1;
      i += 2;
    } else {
      i += 1;
    }
  }
  return sql.length;
}

/** Index just past a number literal (decimal, exponent, or 0x hex) starting at `start`. */
function skipNumber(sql: string, start: number): number {
  let i = start;
  if (sql.charCodeAt(i) === 48 && (sql.charCodeAt(i + 1) | 32) === 120) {
    i += 2;
    while (i < sql.length && /[0-9a-fA-F]/.test(sql[i])) i += 1;
    return i;
  }
  while (isDigitCode(sql.charCodeAt(i))) i += 1;
  if (sql.charCodeAt(i) === 46) {
    i += 1;
    while (isDigitCode(sql.charCodeAt(i))) i += 1;
  }
  if ((sql.charCodeAt(i) | 32) === 101) {
    const sign = sql.charCodeAt(i + 1) === 45 || sql.charCodeAt(i + 1) === 43 ? 1 : 0;
    if (isDigitCode(sql.charCodeAt(i + 1 + sign))) {
      i += 1 + sign;
      while (isDigitCode(sql.charCodeAt(i))) i += 1;
    }
  }
  return i;
}

/** True when a `-`/`+` after token `last` is a sign (not subtraction) and a number follows it at `from`. */
function isSignedNumber(sql: string, from: number, last: string): boolean {
  const isSignContext = last === '' || /[=<>!(,*/%|&^~]$/.test(last) || SIGN_CONTEXT_WORDS.has(last.toLowerCase());
  if (!isSignContext) return false;
  let i = from;
  while (isSpaceCode(sql.charCodeAt(i))) i += 1;
  const c = sql.charCodeAt(i);
  return isDigitCode(c) || (c === 46 && isDigitCode(sql.charCodeAt(i + 1)));
}

const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

/** The `$tag$` opening a dollar-quoted string at `i`, if there is one. */
function dollarTagAt(sql: string, i: number): string | undefined {
  DOLLAR_TAG.lastIndex = i;
  return DOLLAR_TAG.test(sql) ? sql.slice(i, DOLLAR_TAG.lastIndex) : undefined;
}

export interface NormalizedStatement {
  normalized: string;
  /**
   * The source text behind each `?` of `normalized`, in order, when putting them back (fillStatement) gives
   * exactly the original statement; null when normalizing also changed something else (whitespace, comments,
   * collapsed lists, truncation), so the original has to be kept as is.
   */
  literals: string[] | null;
}

/** Replaces literals and bind parameters with `?` and collapses whitespace; comments are dropped. */
export function normalizeStatement(statement: string): string {
  return normalizeStatementWithLiterals(statement).normalized;
}

/** normalizeStatement, also returning the replaced literals so the original can be stored as template + values. */
export function normalizeStatementWithLiterals(statement: string): NormalizedStatement {
  const sql = statement.length > MAX_INPUT_CHARS ? statement.slice(0, MAX_INPUT_CHARS) : statement;
  const n = sql.length;
  const literals: string[] = [];
  // The output is built from runs of the input: tokens copied as they are extend the current run [runStart,
  // runEnd) while what separates them is also as in the input (nothing, or one plain space); anything else
  // (a `?`, collapsed whitespace, a dropped comment) closes the run into `out`.
  let out = '';
  let runStart = 0;
  let runEnd = 0;
  let emitted = false;
  // The last token emitted, for telling a sign from a minus: source range, or -1 after a `?`.
  let lastStart = 0;
  let lastEnd = 0;
  let space = false;
  /**
   * Whether the output may hold a list to collapse (`?,`, `? ,`, `( ?`, `[ ?`): set when a comma follows a literal,
   * a literal follows `(` or `[` and a space, or a quoted identifier holds a `?`. Most statements then skip the search.
   */
  let maybeList = false;
  /** Where a literal began when a sign or string prefix was skipped before its body. */
  let literalStart = -1;
  /** Still true when the output is the input with only literals replaced (then `literals` rebuild it exactly). */
  let verbatim = statement.length <= MAX_INPUT_CHARS;
  let i = 0;
  while (i < n && out.length + (runEnd - runStart) <= MAX_OUTPUT_CHARS * 2) {
    // Each branch either skips input (whitespace, comments, signs, literal prefixes), or sets `tokenEnd` to emit
    // the source text [i, tokenEnd), or `literalEnd` to emit a `?` for the source text up to it.
    const from = literalStart >= 0 ? literalStart : i;
    let tokenEnd = -1;
    let literalEnd = -1;
    const c = sql.charCodeAt(i);
    const d = sql.charCodeAt(i + 1);
    if (isSpaceCode(c)) {
      // Exactly one plain space between two tokens is kept as it is; anything else changes the text.
      if (space || c !== 32 || !emitted) verbatim = false;
      space = true;
      i += 1;
    } else if (c === 45 && d === 45) {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? n : end;
      space = true;
      verbatim = false;
    } else if (c === 47 && d === 42) {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
      space = true;
      verbatim = false;
    } else if (c === 39) {
      literalEnd = skipQuoted(sql, i, 39, true);
    } else if (c === 34 || c === 96) {
      tokenEnd = skipQuoted(sql, i, c, false);
    } else if (c === 36 && isDigitCode(d)) {
      literalEnd = i + 1;
      while (isDigitCode(sql.charCodeAt(literalEnd))) literalEnd += 1;
    } else if (c === 36 && dollarTagAt(sql, i) !== undefined) {
      const tag = dollarTagAt(sql, i)!;
      const end = sql.indexOf(tag, i + tag.length);
      literalEnd = end === -1 ? n : end + tag.length;
    } else if (
      (c === 58 && d !== 58 && sql.charCodeAt(i - 1) !== 58 && isWordStartCode(d)) ||
      (c === 64 && sql.charCodeAt(i - 1) !== 64 && isWordStartCode(d))
    ) {
      literalEnd = i + 1;
      while (literalEnd < n && isIdentCode(sql, literalEnd)) literalEnd += 1;
    } else if (isDigitCode(c) || (c === 46 && isDigitCode(d))) {
      literalEnd = skipNumber(sql, i);
    } else if ((c === 45 || c === 43) && isSignedNumber(sql, i + 1, lastStart < 0 ? '?' : sql.slice(lastStart, lastEnd))) {
      literalStart = i;
      i += 1;
    } else if (isIdentCode(sql, i)) {
      let end = i + 1;
      while (end < n && isIdentCode(sql, end)) end += 1;
      // String-literal prefixes: E'..', N'..', X'..', B'..', U&'..' are one literal.
      const prefix = end - i === 1 ? c | 32 : 0;
      if ((prefix === 101 || prefix === 110 || prefix === 120 || prefix === 98) && sql.charCodeAt(end) === 39) {
        literalStart = i;
        i = end;
      } else if (prefix === 117 && sql.charCodeAt(end) === 38 && sql.charCodeAt(end + 1) === 39) {
        literalStart = i;
        i = end + 1;
      } else {
        tokenEnd = end;
      }
    } else if (c === 63) {
      // A `?` placeholder is already in normalized form; it is listed with the literals so they rebuild the text.
      literalEnd = i + 1;
    } else {
      tokenEnd = i + 1;
    }
    if (tokenEnd >= 0) {
      if ((c === 44 && emitted && lastStart < 0) || ((c === 34 || c === 96) && sql.lastIndexOf('?', tokenEnd) >= i)) maybeList = true;
      const separatorKept = !space ? runEnd === i : emitted && runEnd + 1 === i && sql.charCodeAt(runEnd) === 32;
      if (!(separatorKept && runEnd > runStart)) {
        out += sql.slice(runStart, runEnd);
        if (space && emitted) out += ' ';
        runStart = i;
      }
      runEnd = tokenEnd;
      lastStart = i;
      lastEnd = tokenEnd;
      i = tokenEnd;
      space = false;
      emitted = true;
      literalStart = -1;
    } else if (literalEnd >= 0) {
      if (space && lastStart >= 0 && lastEnd > lastStart) {
        const before = sql.charCodeAt(lastEnd - 1);
        if (before === 40 || before === 91) maybeList = true;
      }
      out += sql.slice(runStart, runEnd);
      out += space && emitted ? ' ?' : '?';
      runStart = runEnd = literalEnd;
      lastStart = -1;
      i = literalEnd;
      literals.push(sql.slice(from, i));
      space = false;
      emitted = true;
      literalStart = -1;
    }
  }
  out += sql.slice(runStart, runEnd);
  if (space || i < n) verbatim = false;
  const collapsed = maybeList && (out.includes('?,') || out.includes('? ,') || out.includes('( ?') || out.includes('[ ?')) ? collapseLists(out) : out;
  const normalized = collapsed.length > MAX_OUTPUT_CHARS ? collapsed.slice(0, MAX_OUTPUT_CHARS) : collapsed;
  // The full check rebuilds the statement; it is needed only when something besides literals may have changed.
  const exact = verbatim && normalized === out;
  return { normalized, literals: exact || fillStatement(normalized, literals) === statement ? literals : null };
}

/** Puts literals back into the `?` places of a normalized statement; undefined when the counts do not match. */
export function fillStatement(normalized: string, literals: readonly string[]): string | undefined {
  let filled = '';
  let next = 0;
  let start = 0;
  for (let q = normalized.indexOf('?'); q !== -1; q = normalized.indexOf('?', q + 1)) {
    if (next >= literals.length) return undefined;
    filled += normalized.slice(start, q) + literals[next];
    next += 1;
    start = q + 1;
  }
  return next === literals.length ? filled + normalized.slice(start) : undefined;
}

/** `IN (?, ?, ?)` → `IN (?)`, `ARRAY[?, ?]` → `ARRAY[?]`, `VALUES (?, ?), (?, ?)` → `VALUES (?, ?)`. */
function collapseLists(sql: string): string {
  return sql
    .replace(/\b(IN) ?\( ?\?(?: ?, ?\?)* ?\)/gi, '$1 (?)')
    .replace(/\b(ARRAY) ?\[ ?\?(?: ?, ?\?)* ?\]/gi, '$1[?]')
    .replace(/\b(VALUES) ?(\( ?\?(?: ?, ?\?)* ?\))(?: ?, ?\( ?\?(?: ?, ?\?)* ?\))+/gi, '$1 $2');
}
