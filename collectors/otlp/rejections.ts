// Collects the items normalize refuses (OTLP partial success) and summarises why.

/** How many reasons the summary quotes before "… and N more". */
const QUOTED_REASONS = 3;

export class Rejections {
  /** Rejected items (spans, data points or log records). */
  count = 0;
  private problems = 0;
  private readonly quoted: string[] = [];
  private readonly noun: string;

  /** `noun` names the items in the summary: 'spans', 'data points', 'log records'. */
  constructor(noun: string) {
    this.noun = noun;
  }

  /** Records `count` items rejected for one reason at `path` (e.g. "resourceSpans[0].scopeSpans[1].spans[3]"). */
  reject(path: string, reason: string, count = 1): void {
    this.count += count;
    this.problems += 1;
    if (this.quoted.length < QUOTED_REASONS) this.quoted.push(`${path}: ${reason}`);
  }

  /** '' when nothing was rejected, else e.g. "2 spans rejected: a: why; b: why". */
  message(): string {
    if (this.problems === 0) return '';
    const unquoted = this.problems - this.quoted.length;
    const tail = unquoted > 0 ? `; … and ${unquoted} more` : '';
    return `${this.count} ${this.noun} rejected: ${this.quoted.join('; ')}${tail}`;
  }
}
