import { Injectable } from '@nestjs/common';
import { CsvError, parse } from 'csv-parse';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '@app/common';
import { Metrics } from '@app/metrics';
import { PhoneNormalizer } from '@app/phone';
import { SignatureReference } from '../signatures/signature-reference';
import type { RejectedRowDto, SuppressionImportDto } from './dto/suppression.dto';
import { SuppressionImportInvalidError } from './suppression.errors';
import { SuppressionRepository } from './suppression.repository';

/** The largest CSV taken: 30 MB holds about two million numbers. */
export const SUPPRESSION_IMPORT_MAX_BYTES = 30 * 1024 * 1024;
/** Rows read at most; the rest of a longer file is left (the answer says where it stopped). */
export const SUPPRESSION_IMPORT_MAX_ROWS = 1_000_000;
/** Rows written per INSERT: one round trip per chunk, memory flat however long the file. */
const CHUNK_SIZE = 1000;
const MAX_REJECTED_ROWS_LISTED = 1000;
const MAX_ECHOED_VALUE = 64;
/** A header cell naming the phone column; without one, the first column holds the phones. */
const PHONE_HEADER = /^(phone|mobile|phone_?number|手机号码?|电话号码?)$/i;

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

/** A file over the limit, as @fastify/multipart reports it on the stream. */
const FILE_TOO_LARGE = 'FST_REQ_FILE_TOO_LARGE';

/**
 * Adds a CSV of phones to a signature's opt-out list, streamed: rows are parsed with the
 * service's phone rules (as a send would parse them) and written in chunks of 1000, so a file
 * of a million rows never sits in memory. Rows already on the list (or twice in the file) are
 * left as they are; an import run twice adds nothing the second time. The rows written before
 * an import stopped (file too large, a CSV error) stay; the answer says where it stopped.
 */
@Injectable()
export class SuppressionImport {
  constructor(
    private readonly suppressions: SuppressionRepository,
    private readonly signatures: SignatureReference,
    private readonly phones: PhoneNormalizer,
    private readonly metrics: Metrics,
  ) {}

  /** `openFile` is called once the signature is known, so a bad reference reads no upload. */
  async import(
    signatureReference: string,
    openFile: () => Promise<Readable | undefined>,
  ): Promise<SuppressionImportDto> {
    const signature = await this.signatures.resolve(signatureReference);
    const file = await openFile();
    if (file === undefined) {
      throw new SuppressionImportInvalidError('Send the CSV as the multipart field `file`');
    }
    const result: SuppressionImportDto = {
      accepted: 0,
      added: 0,
      alreadySuppressed: 0,
      rejected: 0,
      rejectedRows: [],
    };
    const chunk = new Set<string>();
    const flush = async (): Promise<void> => {
      const added = await this.suppressions.addMissing(
        [...chunk].map((phone) => ({
          signatureId: signature.id,
          phone,
          reason: 'import' as const,
        })),
      );
      result.added += added;
      this.metrics.suppressed('import', added);
      chunk.clear();
    };
    const parser = parse({
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      max_record_size: 4096,
      info: true,
      // A malformed row (an unclosed quote) is a rejected row; the rows after it still count.
      skip_records_with_error: true,
    });
    parser.on('skip', (error: CsvError) => {
      const line = typeof error.lines === 'number' ? error.lines : 0;
      reject(result, { row: line, value: '', code: 'CsvUnreadable', reason: error.message });
    });
    const piped = pipeline(file, parser);
    let records = 0;
    let row = 0;
    let phoneColumn = 0;
    try {
      for await (const { record, info } of parser as AsyncIterable<ParsedRow>) {
        records += 1;
        // The line the row ends on: the spreadsheet's row number, the header being row 1.
        row = info.lines;
        if (records === 1) {
          const header = record.findIndex((cell) => PHONE_HEADER.test(cell));
          if (header >= 0) {
            phoneColumn = header;
            continue;
          }
        }
        if (records > SUPPRESSION_IMPORT_MAX_ROWS) {
          result.stopped = { row, reason: `Only ${SUPPRESSION_IMPORT_MAX_ROWS} rows are read` };
          break;
        }
        const phone = this.phoneOf(record[phoneColumn] ?? '', row, result);
        if (phone === undefined) continue;
        result.accepted += 1;
        chunk.add(phone);
        if (chunk.size >= CHUNK_SIZE) await flush();
      }
      if (result.stopped === undefined) await piped;
    } catch (error) {
      result.stopped = { row: row + 1, reason: stopReason(error) };
    } finally {
      // Leaving early (row limit, error) ends the upload too; its own error is the one told.
      piped.catch(() => undefined);
      file.destroy();
    }
    if (chunk.size > 0) await flush();
    // A skipped row is told when the parser reaches it, ahead of the rows being consumed.
    result.rejectedRows.sort((a, b) => a.row - b.row);
    result.alreadySuppressed = result.accepted - result.added;
    return result;
  }

  private phoneOf(cell: string, row: number, result: SuppressionImportDto): string | undefined {
    try {
      if (cell.length === 0) throw new SuppressionImportInvalidError('No phone in this row');
      return this.phones.normalize(cell).e164;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      reject(result, {
        row,
        value: cell.slice(0, MAX_ECHOED_VALUE),
        code: error instanceof SuppressionImportInvalidError ? 'PhoneMissing' : error.code,
        reason: error.message,
      });
      return undefined;
    }
  }
}

function reject(result: SuppressionImportDto, rejected: RejectedRowDto): void {
  result.rejected += 1;
  if (result.rejectedRows.length < MAX_REJECTED_ROWS_LISTED) result.rejectedRows.push(rejected);
}

function stopReason(error: unknown): string {
  if ((error as { code?: unknown } | null)?.code === FILE_TOO_LARGE) {
    return `The file is over ${SUPPRESSION_IMPORT_MAX_BYTES / 1024 / 1024} MB`;
  }
  if (error instanceof CsvError) return `The CSV cannot be read here: ${error.message}`;
  throw error;
}
