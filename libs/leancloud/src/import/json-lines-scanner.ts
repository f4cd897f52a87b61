import type { RecordSink, Scanner } from './export-reader';

/** A line longer than this is reported and skipped, so one bad line cannot exhaust memory. */
export const MAX_RECORD_LENGTH = 1024 * 1024;

/** JSON Lines: each non-blank line is one record. */
export class JsonLinesScanner implements Scanner {
  private line = '';
  private lineNumber = 1;
  private index = 0;
  private tooLong = false;

  constructor(
    private readonly sink: RecordSink,
    private skip: number,
  ) {}

  push(text: string): void {
    let from = Math.min(this.skip, text.length);
    this.skip -= from;
    for (;;) {
      const newline = text.indexOf('\n', from);
      const piece = text.slice(from, newline === -1 ? undefined : newline);
      this.append(piece);
      if (newline === -1) return;
      this.finishLine();
      from = newline + 1;
    }
  }

  end(): void {
    this.finishLine();
  }

  private append(piece: string): void {
    if (this.tooLong) return;
    if (this.line.length + piece.length > MAX_RECORD_LENGTH) {
      this.tooLong = true;
      this.line = '';
      return;
    }
    this.line += piece;
  }

  private finishLine(): void {
    const text = this.line.replace(/\r$/, '');
    const line = this.lineNumber;
    const tooLong = this.tooLong;
    this.line = '';
    this.tooLong = false;
    this.lineNumber += 1;
    if (!tooLong && text.trim() === '') return;
    const record = { index: ++this.index, line };
    if (tooLong) {
      this.sink({ ...record, error: `longer than ${MAX_RECORD_LENGTH} characters` });
      return;
    }
    try {
      this.sink({ ...record, value: JSON.parse(text) as unknown });
    } catch (error) {
      this.sink({ ...record, error: `not valid JSON (${messageOf(error)})` });
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
