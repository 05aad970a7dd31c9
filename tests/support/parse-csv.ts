/**
 * A strict RFC 4180 reader for tests, written separately from lib/csv.ts so that a test of the
 * export checks it against an independent reading: records end with CRLF, a quoted field may hold
 * commas, CR, LF and doubled quotes, and anything else (a bare LF, a stray quote) is an error.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let fieldStarted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`parseCsv: text after a closing quote at ${i}`);
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (fieldStarted) throw new Error(`parseCsv: a quote inside an unquoted field at ${i}`);
      quoted = true;
      fieldStarted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (ch === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`parseCsv: CR without LF at ${i}`);
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      fieldStarted = false;
      i += 2;
    } else if (ch === '\n') {
      throw new Error(`parseCsv: a bare LF ends a record at ${i} (RFC 4180 wants CRLF)`);
    } else {
      field += ch;
      fieldStarted = true;
      i++;
    }
  }
  if (quoted) throw new Error('parseCsv: unterminated quoted field');
  if (fieldStarted || record.length) throw new Error('parseCsv: the last record has no CRLF');
  return records;
}
