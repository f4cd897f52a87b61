import { ExportFormatError, RecordSink, Scanner } from './export-reader';
import { MAX_RECORD_LENGTH, messageOf } from './json-lines-scanner';

type State = 'first' | 'next' | 'value' | 'separator' | 'closed';

const CLOSER: Readonly<Record<string, string>> = { '{': '}', '[': ']' };
const WHITESPACE = new Set([' ', '\t', '\r', '\n']);
const BARE_END = new Set([',', ']', ...WHITESPACE]);

/**
 * The elements of a JSON array, one record each, found by tracking strings and brackets
 * without parsing the whole document; each element is then parsed on its own, so a bad
 * element is reported and the next one still read. `wrapped`: the array is the `results` of
 * an object, whose remaining keys are ignored.
 */
export class JsonArrayScanner implements Scanner {
  private state: State = 'first';
  private line = 1;
  private index = 0;
  // The element being read.
  private closers: string[] = [];
  private bare = false;
  private inString = false;
  private escaped = false;
  private parts: string[] | undefined = [];
  private length = 0;
  private startLine = 1;

  constructor(
    private readonly sink: RecordSink,
    /** Characters before the first element (up to and including the `[`). */
    private skip: number,
    private readonly layout: 'array' | 'wrapped',
  ) {}

  push(text: string): void {
    let valueStart = 0;
    for (let i = 0; i < text.length; i++) {
      const char = text[i];
      if (char === '\n') this.line += 1;
      if (this.skip > 0) {
        this.skip -= 1;
        continue;
      }
      if (this.state === 'value') {
        if (!(this.bare && BARE_END.has(char))) {
          if (this.consume(char)) this.finishValue(text, valueStart, i + 1);
          continue;
        }
        this.finishValue(text, valueStart, i);
      }
      if (WHITESPACE.has(char)) continue;
      if (this.structural(char)) valueStart = i;
    }
    if (this.state === 'value') this.keep(text, valueStart, text.length);
  }

  end(): void {
    if (this.state === 'value' && this.bare) this.finishValue('', 0, 0);
    if (this.state !== 'closed') {
      throw new ExportFormatError(`line ${this.line}: the file ends inside the array (cut off?)`);
    }
  }

  /** A character between elements; true when it starts one. */
  private structural(char: string): boolean {
    switch (this.state) {
      case 'first':
      case 'next':
        if (char === ']' && this.state === 'first') this.state = 'closed';
        else if (char === ',' || char === ']') this.fail(`"${char}" where an element was expected`);
        else {
          this.startValue(char);
          return true;
        }
        return false;
      case 'separator':
        if (char === ',') this.state = 'next';
        else if (char === ']') this.state = 'closed';
        else this.fail(`"${char}" where "," or "]" was expected`);
        return false;
      case 'closed':
        if (this.layout === 'array') this.fail('text after the end of the array');
        return false;
      case 'value':
        return false;
    }
  }

  private startValue(char: string): void {
    this.state = 'value';
    this.parts = [];
    this.length = 0;
    this.startLine = this.line;
    const closer = CLOSER[char];
    this.closers = closer === undefined ? [] : [closer];
    this.inString = char === '"';
    this.bare = closer === undefined && !this.inString;
    this.escaped = false;
  }

  /** Follows strings and brackets inside an element; true when `char` completes it. */
  private consume(char: string): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (char === '\\') this.escaped = true;
      else if (char === '"') {
        this.inString = false;
        return this.closers.length === 0;
      }
      return false;
    }
    if (this.bare) return false;
    if (char === '"') this.inString = true;
    else if (char === '{' || char === '[') this.closers.push(CLOSER[char]);
    else if (char === '}' || char === ']') {
      if (this.closers.pop() !== char) this.fail(`"${char}" does not close the open bracket`);
      return this.closers.length === 0;
    }
    return false;
  }

  private keep(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.length += to - from;
    if (this.parts === undefined) return;
    if (this.length > MAX_RECORD_LENGTH) this.parts = undefined;
    else this.parts.push(text.slice(from, to));
  }

  private finishValue(text: string, from: number, to: number): void {
    this.keep(text, from, to);
    this.state = 'separator';
    const record = { index: ++this.index, line: this.startLine };
    if (this.parts === undefined) {
      this.sink({ ...record, error: `longer than ${MAX_RECORD_LENGTH} characters` });
      return;
    }
    try {
      this.sink({ ...record, value: JSON.parse(this.parts.join('')) as unknown });
    } catch (error) {
      this.sink({ ...record, error: `not valid JSON (${messageOf(error)})` });
    }
  }

  private fail(problem: string): never {
    throw new ExportFormatError(`line ${this.line}: ${problem}`);
  }
}
