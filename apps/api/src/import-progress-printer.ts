import type { ImportCounts, ImportListener, ImportSummary, RowPosition } from '@app/leancloud';

/** Where the report goes: a stream, or anything that collects text. */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

const count = (value: number): string => value.toLocaleString('en-US');

function where(row: RowPosition): string {
  const id = row.objectId === undefined ? '' : ` objectId ${row.objectId}`;
  return `row ${row.index} (line ${row.line})${id}`;
}

/**
 * The import's report: every rejected row and warning on `out`, one a line (so it can be
 * redirected to a file), and progress on `err`, redrawn in place on a terminal.
 */
export class ImportProgressPrinter implements ImportListener {
  private readonly startedAt = Date.now();
  private lastLineAt = 0;

  constructor(
    private readonly out: Output,
    private readonly err: Output,
  ) {}

  rejected(row: RowPosition, reason: string): void {
    this.out.write(`rejected ${where(row)}: ${reason}\n`);
  }

  warned(row: RowPosition, warning: string): void {
    this.out.write(`warning  ${where(row)}: ${warning}\n`);
  }

  progress(counts: Readonly<ImportCounts>): void {
    const line = `${this.describe(counts)} · ${count(this.rate(counts.read))} rows/s`;
    if (this.err.isTTY) {
      this.err.write(`\r${line}\u001b[K`);
    } else if (Date.now() - this.lastLineAt >= 5000) {
      this.lastLineAt = Date.now();
      this.err.write(`${line}\n`);
    }
  }

  summary({ counts, durationMs, fatal }: ImportSummary): void {
    if (this.err.isTTY) this.err.write('\n');
    if (fatal !== undefined) this.out.write(`stopped: ${fatal}; the rows after it were not read\n`);
    const seconds = Math.max(durationMs, 1) / 1000;
    this.out.write(
      `${this.describe(counts)} in ${seconds.toFixed(2)} s ` +
        `(${count(Math.round(counts.read / seconds))} rows/s)\n`,
    );
  }

  private describe(counts: Readonly<ImportCounts>): string {
    return (
      `read ${count(counts.read)} · created ${count(counts.created)} · ` +
      `skipped ${count(counts.skipped)} · rejected ${count(counts.rejected)} · ` +
      `warnings ${count(counts.warnings)}`
    );
  }

  private rate(rows: number): number {
    return Math.round(rows / (Math.max(Date.now() - this.startedAt, 1) / 1000));
  }
}
