// The lines of a possible multi-line JSON document, held compactly: a pretty-printed body can be millions of short
// lines, and one string per line in an array costs tens of bytes each on top of the text (a 64 MiB document of
// 5-byte lines took 800 MB). Lines are kept joined in blocks; they are split again only if the document turns out
// to be JSON Lines after all.

/** Lines joined into one string per block of this many. */
const BLOCK_LINES = 4_096;

export class DocumentLines {
  private readonly blocks: string[] = [];
  private pending: string[] = [];
  /** Lines held. */
  count = 0;
  /** Their length in UTF-16 units, a newline each included. */
  length = 0;

  push(line: string): void {
    this.pending.push(line);
    this.count += 1;
    this.length += line.length + 1;
    if (this.pending.length === BLOCK_LINES) {
      this.blocks.push(this.pending.join('\n'));
      this.pending = [];
    }
  }

  /** The document's text: the lines joined by newlines. */
  text(): string {
    const parts = this.pending.length === 0 ? this.blocks : [...this.blocks, this.pending.join('\n')];
    return parts.join('\n');
  }

  /** The lines one by one, in order. */
  *lines(): Generator<string> {
    for (const block of this.blocks) yield* block.split('\n');
    yield* this.pending;
  }
}
