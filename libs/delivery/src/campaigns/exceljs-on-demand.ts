type ExcelJs = typeof import('exceljs');

/**
 * exceljs, loaded when a spreadsheet is first read or written rather than at start-up: 9 MB of
 * heap and about 30 MB of resident memory (measured with `require` alone) that a process which
 * never sees a campaign's XLSX file does not need.
 */
export async function loadExcelJs(): Promise<ExcelJs> {
  const loaded = (await import('exceljs')) as ExcelJs & { default?: ExcelJs };
  return loaded.default ?? loaded;
}
