import { JsonArrayScanner } from './json-array-scanner';
import { JsonLinesScanner } from './json-lines-scanner';

/** One record of an export: its JSON value, or why it could not be read. */
export type ExportRecord =
  { index: number; line: number; value: unknown } | { index: number; line: number; error: string };

/** The file is not one of the supported layouts, or is cut off; nothing after can be read. */
export class ExportFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportFormatError';
  }
}

/** Receives the records a scanner finds, in order. */
export type RecordSink = (record: ExportRecord) => void;

/** What a layout's scanner does with the text, chunk by chunk. */
export interface Scanner {
  push(text: string): void;
  end(): void;
}

/** Up to this many characters are read before deciding whether `{` opens `{"results": [`. */
const HEAD_LENGTH = 4096;
const RESULTS_WRAPPER = /^\{\s*"results"\s*:\s*\[/;

/**
 * Reads a LeanCloud `_User` export as it streams in: JSON Lines (one object per line), a JSON
 * array, or `{"results": [...]}` as the REST API answers. Records are yielded one at a time,
 * so memory stays flat however large the file. A record that is not valid JSON is yielded
 * with its error (the rest is still read); a broken structure throws `ExportFormatError`.
 */
export async function* readLeanCloudExport(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<ExportRecord> {
  const pending: ExportRecord[] = [];
  const sink: RecordSink = (record) => pending.push(record);
  let head = '';
  let scanner: Scanner | undefined;

  for await (const chunk of chunks) {
    if (scanner !== undefined) {
      scanner.push(chunk);
    } else {
      head += chunk;
      if (head.length < HEAD_LENGTH) continue;
      scanner = chooseScanner(head, sink);
      scanner.push(head);
    }
    yield* pending.splice(0);
  }
  if (scanner === undefined) {
    // The whole file was shorter than the head.
    scanner = chooseScanner(head, sink);
    scanner.push(head);
  }
  scanner.end();
  yield* pending.splice(0);
}

/** Picks the layout from the first characters; scanners are told how many to pass over. */
function chooseScanner(head: string, sink: RecordSink): Scanner {
  const bom = head.startsWith('\uFEFF') ? 1 : 0;
  const start = head.slice(bom).search(/\S/);
  if (start === -1) return new JsonLinesScanner(sink, bom);
  const rest = head.slice(bom + start);
  // Array scanners start right after the `[`.
  if (rest.startsWith('[')) return new JsonArrayScanner(sink, bom + start + 1, 'array');
  const wrapper = RESULTS_WRAPPER.exec(rest);
  if (wrapper) return new JsonArrayScanner(sink, bom + start + wrapper[0].length, 'wrapped');
  if (rest.startsWith('{')) return new JsonLinesScanner(sink, bom);
  throw new ExportFormatError(
    'Not a LeanCloud export: expected JSON Lines, a JSON array or {"results": [...]}',
  );
}
