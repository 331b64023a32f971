import { BurrowError } from '../../../../shared/errors';

/** One CSV record: its fields (null for an unquoted empty field) and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: (string | null)[];
}

export interface CsvParserOptions {
  /** The field separator; a comma unless told. */
  delimiter?: string;
  /** An unquoted empty field is NULL (the default), else the empty string. */
  emptyAsNull?: boolean;
}

/**
 * An RFC 4180 reader fed text in pieces of any size (a record may span pieces), as Burrow's CSV
 * export writes it: comma-separated (or another delimiter), fields quoted with `"` and `""` inside,
 * CRLF or LF between records. An unquoted empty field is NULL and a quoted one (`""`) the empty
 * string, PostgreSQL COPY's convention, unless `emptyAsNull` is off. Blank lines are skipped; a
 * UTF-8 byte order mark at the start is dropped.
 */
export class CsvParser {
  private readonly delimiter: string;
  private readonly empty: string | null;
  private field = '';
  private fields: (string | null)[] = [];
  private quoted = false;
  private inQuotes = false;
  /** A `"` was seen inside quotes: the next character says whether it was `""` or the closing quote. */
  private quoteEnding = false;
  private closed = false;
  private skipLf = false;
  private started = false;
  private line = 1;
  private recordLine = 1;

  constructor(options: CsvParserOptions = {}) {
    this.delimiter = options.delimiter ?? ',';
    this.empty = options.emptyAsNull === false ? '' : null;
  }

  push(text: string): CsvRecord[] {
    const records: CsvRecord[] = [];
    let i = 0;
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (this.quoteEnding) {
        this.quoteEnding = false;
        if (c === '"') {
          this.field += '"';
          continue;
        }
        this.inQuotes = false;
        this.closed = true;
      }
      if (this.inQuotes) {
        if (c === '"') this.quoteEnding = true;
        else {
          if (c === '\n') this.line++;
          this.field += c;
        }
        continue;
      }
      if (this.skipLf) {
        this.skipLf = false;
        if (c === '\n') continue;
      }
      if (c === this.delimiter) {
        this.endField();
      } else if (c === '\r' || c === '\n') {
        this.skipLf = c === '\r';
        this.endRecord(records);
        this.line++;
        this.recordLine = this.line;
      } else if (c === '"' && this.field === '' && !this.quoted) {
        this.inQuotes = true;
        this.quoted = true;
      } else if (this.closed) {
        throw new BurrowError('VALIDATION', `line ${this.line}: "${c}" after a quoted field's closing quote; quote the whole field, with "" for a quote inside it`, { line: this.line });
      } else {
        this.field += c;
      }
    }
    return records;
  }

  /** The last record, when the text does not end with a line break; refuses an unclosed quote. */
  end(): CsvRecord[] {
    if (this.quoteEnding) {
      this.quoteEnding = false;
      this.inQuotes = false;
      this.closed = true;
    }
    if (this.inQuotes) throw new BurrowError('VALIDATION', `line ${this.recordLine}: a quoted field is never closed`, { line: this.recordLine });
    const records: CsvRecord[] = [];
    if (this.fields.length > 0 || this.field !== '' || this.quoted) this.endRecord(records);
    return records;
  }

  private endField(): void {
    this.fields.push(this.quoted || this.field !== '' ? this.field : this.empty);
    this.field = '';
    this.quoted = false;
    this.closed = false;
  }

  private endRecord(records: CsvRecord[]): void {
    const blank = this.fields.length === 0 && this.field === '' && !this.quoted;
    this.endField();
    if (!blank) records.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
  }
}
