import { Injectable } from '@nestjs/common';
import { PhoneNormalizer } from '@app/phone';
import { LegacyAccount, LegacyImportService } from '@app/user';
import { ExportFormatError, readLeanCloudExport } from './export-reader';
import { ImportCounts, ImportListener, ImportSummary, RowPosition } from './import-report';
import { readUserRow } from './user-row';

/** Rows per INSERT: large enough to amortise round trips, small enough to keep them short. */
export const IMPORT_BATCH_SIZE = 500;

interface PendingRow {
  position: RowPosition;
  account: LegacyAccount;
}

/**
 * `npm run import:leancloud`: streams a LeanCloud `_User` export into accounts, batch by
 * batch. Phones are read with the service's own rules (bare numbers in SMS_DEFAULT_REGION,
 * only SMS_ALLOWED_REGIONS); rows are checked here and written by the user module, each
 * whole or not at all. Running it again skips what it imported.
 */
@Injectable()
export class LeanCloudImportService {
  constructor(
    private readonly phones: PhoneNormalizer,
    private readonly legacy: LegacyImportService,
  ) {}

  async run(
    chunks: AsyncIterable<string>,
    listener: ImportListener,
    batchSize = IMPORT_BATCH_SIZE,
  ): Promise<ImportSummary> {
    const startedAt = Date.now();
    const counts: ImportCounts = { read: 0, created: 0, skipped: 0, rejected: 0, warnings: 0 };
    const reject = (position: RowPosition, reason: string): void => {
      counts.rejected += 1;
      listener.rejected(position, reason);
    };
    const normalizePhone = (phone: string): string => this.phones.normalize(phone).e164;
    let batch: PendingRow[] = [];
    let fatal: string | undefined;

    try {
      for await (const record of readLeanCloudExport(chunks)) {
        counts.read += 1;
        const position: RowPosition = { index: record.index, line: record.line };
        if ('error' in record) {
          reject(position, record.error);
          continue;
        }
        const row = readUserRow(record.value, normalizePhone);
        if ('rejected' in row) {
          reject({ ...position, objectId: row.legacyId }, row.rejected);
          continue;
        }
        batch.push({ position: { ...position, objectId: row.user.legacyId }, account: row.user });
        if (batch.length >= batchSize) {
          await this.write(batch, counts, listener, reject);
          batch = [];
        }
      }
    } catch (error) {
      if (!(error instanceof ExportFormatError)) throw error;
      fatal = error.message;
    }
    await this.write(batch, counts, listener, reject);
    return { counts, durationMs: Date.now() - startedAt, fatal };
  }

  private async write(
    batch: PendingRow[],
    counts: ImportCounts,
    listener: ImportListener,
    reject: (position: RowPosition, reason: string) => void,
  ): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = await this.legacy.importBatch(batch.map((row) => row.account));
    outcomes.forEach((outcome, i) => {
      const { position } = batch[i];
      switch (outcome.status) {
        case 'created':
          counts.created += 1;
          if (outcome.usernameDropped !== undefined) {
            counts.warnings += 1;
            listener.warned(position, outcome.usernameDropped);
          }
          return;
        case 'exists':
          counts.skipped += 1;
          return;
        case 'rejected':
          reject(position, outcome.reason);
          return;
      }
    });
    listener.progress(counts);
  }
}
