import { stringify } from 'csv-stringify/sync';
import { loadExcelJs } from './exceljs-on-demand';
import { PHONE_COLUMN } from './recipient-row-check';

/** The recipient form's header and example row: the phone, then one column per variable. */
export function recipientFormRows(rowVariables: readonly string[]): string[][] {
  return [
    [PHONE_COLUMN, ...rowVariables],
    ['+8613800138000', ...rowVariables.map((name) => `${name} example`)],
  ];
}

/** As CSV, with a BOM so that Excel reads the UTF-8 header. */
export function recipientFormCsv(rowVariables: readonly string[]): Buffer {
  return Buffer.from(`\uFEFF${stringify(recipientFormRows(rowVariables))}`, 'utf8');
}

/** As XLSX, one sheet; the phone column is text, so Excel keeps a leading `+` or `0`. */
export async function recipientFormXlsx(rowVariables: readonly string[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('recipients');
  sheet.addRows(recipientFormRows(rowVariables));
  sheet.getColumn(1).numFmt = '@';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
