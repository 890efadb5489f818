/**
 * CSV text (RFC 4180) for downloads: fields joined by commas, records ended by CRLF, a field quoted
 * when it holds a comma, a quote, CR or LF (quotes doubled inside). Numbers are written as plain
 * numbers with a dot decimal; null and undefined are empty fields.
 */

/** One CSV cell: text, a number, or nothing. */
export type CsvCell = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel reads a CSV as the local code page and garbles Vietnamese. */
export const CSV_UTF8_BOM = '\uFEFF';

// A spreadsheet runs a cell that starts like a formula (CSV injection, OWASP): text cells that
// start with one of these get a leading apostrophe so they are shown as text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted only when RFC 4180 needs it; text that would start a formula is neutralised. */
export function toCsvField(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Records to CSV text, each record (the last one too) ended by CRLF. */
export function toCsv(records: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return records.map((record) => `${record.map(toCsvField).join(',')}\r\n`).join('');
}
