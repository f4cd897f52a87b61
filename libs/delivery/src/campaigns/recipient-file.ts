import { parse } from 'csv-parse';
import { loadExcelJs } from './exceljs-on-demand';
import { pipeline, type Readable } from 'node:stream';
import { RecipientFileInvalidError } from './campaign.errors';

export type RecipientFileFormat = 'csv' | 'xlsx';

/** One data row of a recipient file: its row number in the file (the header is row 1). */
export interface RecipientFileRow {
  rowNumber: number;
  /** Cells by header name (trimmed); a missing cell is absent. */
  cells: Map<string, string>;
}

/**
 * Reads a recipient file as it streams in, row by row: CSV through csv-parse (a BOM, quotes,
 * CRLF), XLSX's first sheet through exceljs' streaming reader. Nothing holds the whole file.
 */
export function readRecipientFile(
  file: Readable,
  format: RecipientFileFormat,
): AsyncGenerator<RecipientFileRow> {
  return format === 'csv' ? readCsv(file) : readXlsx(file);
}

async function* readCsv(file: Readable): AsyncGenerator<RecipientFileRow> {
  const parser = parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true });
  // pipeline, not pipe: an error of the upload stream ends the parse too.
  pipeline(file, parser, () => undefined);
  let header: string[] | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (header === undefined) {
        header = record.map((name) => name.trim());
        continue;
      }
      yield { rowNumber: info.lines, cells: cellsOf(header, record) };
    }
  } catch (error) {
    if (error instanceof Error && 'code' in error && String(error.code).startsWith('CSV_')) {
      throw new RecipientFileInvalidError(`The CSV file could not be read: ${error.message}`);
    }
    throw error;
  }
}

async function* readXlsx(file: Readable): AsyncGenerator<RecipientFileRow> {
  const { stream } = await loadExcelJs();
  const workbook = new stream.xlsx.WorkbookReader(file, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let header: string[] | undefined;
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet) {
        // row.values is 1-based: index 0 is empty.
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (values.every((value) => value === '')) continue;
        if (header === undefined) {
          header = values.map((name) => name.trim());
          continue;
        }
        yield { rowNumber: row.number, cells: cellsOf(header, values) };
      }
      break; // the first sheet only
    }
  } catch (error) {
    if (error instanceof RecipientFileInvalidError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new RecipientFileInvalidError(`The XLSX file could not be read: ${message}`);
  } finally {
    file.resume(); // the rest of the upload (other sheets) is drained, not read
  }
}

function cellsOf(header: readonly string[], values: readonly string[]): Map<string, string> {
  const cells = new Map<string, string>();
  header.forEach((name, index) => {
    const value = values[index]?.trim();
    if (name !== '' && value !== undefined && value !== '') cells.set(name, value);
  });
  return cells;
}

/** A cell as text: Excel keeps phones as numbers, and formatted text as rich text. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const cell = value as { richText?: Array<{ text: string }>; text?: unknown; result?: unknown };
    if (Array.isArray(cell.richText)) return cell.richText.map((part) => part.text).join('');
    if (cell.text !== undefined) return cellText(cell.text);
    if (cell.result !== undefined) return cellText(cell.result);
  }
  return '';
}
