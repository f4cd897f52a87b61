/** Where a row sits in the export: its record number and first line, and its objectId. */
export interface RowPosition {
  index: number;
  line: number;
  objectId?: string;
}

export interface ImportCounts {
  /** Records read from the file. */
  read: number;
  created: number;
  /** objectIds imported already (a previous run, or earlier in the file). */
  skipped: number;
  rejected: number;
  /** Created accounts that lost something on the way (a username this service cannot keep). */
  warnings: number;
}

/** What an import tells as it goes. */
export interface ImportListener {
  rejected(row: RowPosition, reason: string): void;
  warned(row: RowPosition, warning: string): void;
  progress(counts: Readonly<ImportCounts>): void;
}

export interface ImportSummary {
  counts: ImportCounts;
  durationMs: number;
  /** Set when the file's structure broke off the reading: rows after it were not read. */
  fatal?: string;
}
