import { RasaSocketioJwtError } from '../settings/errors.js';

/**
 * YAML as Helm's toYaml writes it, byte for byte, for JSON-like data. toYaml is sigs.k8s.io/yaml
 * v1.6 over go.yaml.in/yaml/v2 v2.4.x: json.Marshal the value, read that JSON back with go-yaml
 * (numbers re-typed, strings re-scanned), write it with go-yaml's port of libyaml's emitter, and
 * trim one trailing newline. Each step leaves marks (folding at column 80, go-yaml's "natural" key
 * order, its choice between plain, 'single', "double" and | literal), and a config checksum sees
 * every byte, so this is a port of those steps, not an approximation of their output.
 * Twin: Helm's own toYaml. Checked against the helm binary by test/plan/go-yaml.test.ts.
 */

/** libyaml's best_width and best_indent, which go-yaml leaves at their defaults. */
const WIDTH = 80;
const INDENT = 2;

/**
 * Characters that json.Marshal writes raw and go-yaml's reader rejects ("control characters are
 * not allowed"): toYaml swallows the error and renders nothing at all.
 */
const UNREADABLE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/**
 * Keys whose order Helm's toYaml leaves to chance: go-yaml's natural sort is not transitive
 * ("v12" < "v1beta" < "v2" < "v12"), so sort.Sort's result depends on Go's random map order.
 */
export class GoYamlKeyOrderError extends RasaSocketioJwtError {
  override readonly code = 'ERR_GO_YAML_KEY_ORDER';
}

export function goYaml(value: unknown): string {
  if (unreadable(value)) return '';
  const emitter = new Emitter();
  emitter.node(value, -1, false);
  emitter.writeIndent(0); // document end: close the last line
  return emitter.out.endsWith('\n') ? emitter.out.slice(0, -1) : emitter.out;
}

/**
 * Whether go-yaml fails to read json.Marshal's text back, so that toYaml renders ''. Besides the
 * characters it rejects, a key is a simple key of a flow mapping to its scanner, which must stay
 * on one line (a raw NEL breaks it) and within 1024 characters, quotes and escapes included.
 */
function unreadable(value: unknown): boolean {
  if (typeof value === 'string') return UNREADABLE.test(value);
  if (Array.isArray(value)) return value.some(unreadable);
  if (typeof value !== 'object' || value === null) return false;
  return Object.entries(value).some(([k, v]) => v !== undefined
    && (UNREADABLE.test(k) || k.includes('\u0085') || jsonLength(k) > 1024 || unreadable(v)));
}

/** The length in characters of json.Marshal's quoted string (<, >, & and U+2028/9 come out as \uXXXX). */
function jsonLength(text: string): number {
  let length = 2;
  for (const c of text) length += /["\\\n\r\t\b\f]/.test(c) ? 2 : /[\0-\x1f<>&\u2028\u2029]/.test(c) ? 6 : 1;
  return length;
}

/**
 * A raw NEL (U+0085) in json.Marshal's output is a line break to go-yaml's scanner, which folds it
 * inside a double-quoted JSON string value: the spaces around it vanish, one break becomes a space and
 * n breaks become n-1 newlines.
 */
function rescanned(text: string): string {
  return text.replace(/ *\u0085[ \u0085]*/g, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/**
 * A number as it comes out of the JSON round trip. json.Marshal writes a float64 as JavaScript
 * does (plain digits below 1e21); go-yaml reads digits that fit int64 or uint64 as an integer and
 * writes them back as they are; anything else is a float64, written by strconv's shortest 'g'
 * format, which switches to an exponent of at least two digits from 1e6 on (1.2345675e+06, 1e+21).
 */
function goNumber(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`goYaml: ${n} is not a JSON number`);
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    const digits = String(n); // shortest round-trip digits, zero padded, as json.Marshal writes them
    const int = BigInt(digits);
    if (int >= -(2n ** 63n) && int < 2n ** 64n) return digits;
  }
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string];
  const e = Number(exponent);
  if (e >= -4 && e < 6) return String(n);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * Whether go-yaml's resolve() would read this text, written plain, as something other than a
 * string (a YAML 1.1 bool or null, an int in any Go base, a float, a timestamp), or it is a base-60
 * number, which go-yaml quotes for older parsers. Such strings are written double-quoted.
 */
function needsQuotes(s: string): boolean {
  if (BASE_60.test(s)) return true;
  if (RESOLVED.has(s)) return true;
  if (s[0] === '.') return /^\.[0-9]+(_[0-9]+)*([eE][-+]?[0-9]+(_[0-9]+)*)?$/.test(s) && Number.isFinite(Number(s.replaceAll('_', '')));
  if (!/^[-+0-9]/.test(s)) return false;
  if (isTimestamp(s)) return true;
  const plain = s.replaceAll('_', ''); // go-yaml drops underscores before strconv sees the digits
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]+|[0-9]+)$/.exec(plain);
  if (int) {
    const body = int[2]!;
    const magnitude = BigInt(/^0[0-7]+$/.test(body) ? `0o${body.slice(1)}` : body);
    // ParseInt takes a signed int64; ParseUint, unsigned text only, takes the rest of uint64.
    if (int[1] === '-' ? magnitude <= 2n ** 63n : magnitude < (int[1] ? 2n ** 63n : 2n ** 64n)) return true;
  }
  return /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain) && Number.isFinite(Number(plain));
}

const RESOLVED = new Set([
  ...'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF'.split(' '),
  ...'~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(' '), '',
]);
const BASE_60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * go-yaml's parseTimestamp: Go's time.Parse with four layouts. One- or two-digit fields, a space
 * that stands for any run of spaces, any number of fraction digits, and the ranges time.Parse
 * checks (2001-02-29 is no date, so it stays a plain string).
 */
function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d\d?)-(\d\d?)(?:(?:[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[-+](\d\d):(\d\d)))|(?: +(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?))?$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  const [hour, minute, second] = [m[4] ?? m[9] ?? 0, m[5] ?? m[10] ?? 0, m[6] ?? m[11] ?? 0].map(Number) as [number, number, number];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  return month >= 1 && month <= 12 && day >= 1 && day <= monthDays && hour < 24 && minute < 60 && second < 60
    && Number(m[7] ?? 0) <= 24 && Number(m[8] ?? 0) <= 60;
}

/**
 * go-yaml's keyList.Less on strings, which sort.Sort uses: letters after everything else, runs of
 * digits compared as numbers (a9 < a10), code points otherwise. Runes, and int64 arithmetic.
 */
function keyLess(ar: readonly number[], br: readonly number[]): boolean {
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const [x, y] = [ar[i]!, br[i]!];
    if (x === y) continue;
    if (isLetter(x) && isLetter(y)) return x < y;
    if (isLetter(x) || isLetter(y)) return isLetter(y);
    // Inside a number that has a non-zero digit before this one, a leading zero is significant.
    let an = 0n;
    if (x === 0x30 || y === 0x30) for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) if (ar[j] !== 0x30) { an = 1n; break; }
    let bn = an;
    let ai = i, bi = i;
    for (; isDigit(ar[ai]); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]! - 0x30));
    for (; isDigit(br[bi]); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]! - 0x30));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  return ar.length < br.length;
}

/** Go's unicode.IsLetter and unicode.IsDigit, with a quick path for ASCII. */
const isLetter = (r: number) => (r < 0x80 ? (r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a : /\p{L}/u.test(String.fromCodePoint(r)));
const isDigit = (r: number | undefined) => r !== undefined && (r < 0x80 ? r >= 0x30 && r <= 0x39 : /\p{Nd}/u.test(String.fromCodePoint(r)));

const isBreak = (c: string | undefined) => c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';
/** libyaml's is_printable, as go-yaml tests it on UTF-8 bytes: no tab, no C1, nothing astral. */
const isPrintable = (c: string) => /^[\n\x20-\x7e\xa0-\ud7ff\ue000-\ufefe\uff00-\ufffd]$/.test(c);

type Style = 'plain' | 'single' | 'double' | 'literal';

/** What go-yaml's analyze_scalar finds out about a string, for the block context we always write in. */
function analyze(chars: readonly string[]) {
  if (chars.length === 0) return { multiline: false, plain: true, single: true, block: false };
  let indicators = /^(---|\.\.\.)/.test(chars.join(''));
  let special = false, breaks = false, spaceBreak = false, breakSpace = false;
  let previousSpace = false, previousBreak = false, precededByWhitespace = true;
  chars.forEach((c, i) => {
    const followedByWhitespace = i + 1 === chars.length || isBlank(chars[i + 1]);
    if (i === 0) indicators ||= '#,[]{}&*!|>\'"%@`'.includes(c) || ('?:-'.includes(c) && followedByWhitespace);
    else indicators ||= (c === ':' && followedByWhitespace) || (c === '#' && precededByWhitespace);
    special ||= !isPrintable(c);
    if (c === ' ') {
      breakSpace ||= previousBreak;
      [previousSpace, previousBreak] = [true, false];
    } else if (isBreak(c)) {
      breaks = true;
      spaceBreak ||= previousSpace;
      [previousSpace, previousBreak] = [false, true];
    } else {
      [previousSpace, previousBreak] = [false, false];
    }
    precededByWhitespace = c === ' '; // after a tab, NUL or break, plain is out anyway
  });
  const [first, last] = [chars[0]!, chars[chars.length - 1]!];
  const edges = first === ' ' || isBreak(first) || last === ' ' || isBreak(last);
  return {
    multiline: breaks,
    plain: !(edges || breakSpace || spaceBreak || special || breaks || indicators),
    single: !(breakSpace || spaceBreak || special),
    block: !(last === ' ' || spaceBreak || special),
  };
}

/** go-yaml's emitter, reduced to what JSON-like data reaches: block collections, flow only when empty. */
class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;

  /** `indent` is the emitter's current indent (-1 at the root); `mapping` tells a map value. */
  node(value: unknown, indent: number, mapping: boolean): void {
    if (value === null) return this.scalar('null', 'plain', indent, false);
    if (typeof value === 'boolean') return this.scalar(String(value), 'plain', indent, false);
    if (typeof value === 'number') return this.scalar(goNumber(value), 'plain', indent, false);
    if (typeof value === 'string') return this.string(rescanned(value), indent, false);
    if (Array.isArray(value)) return this.sequence(value, indent, mapping);
    if (typeof value === 'object') return this.mapping(value as Record<string, unknown>, indent);
    throw new TypeError(`goYaml: cannot write a ${typeof value}`);
  }

  /** A sequence under a map key is not indented: "key:\n- a" (indentless when the key ended the line). */
  private sequence(items: readonly unknown[], indent: number, mapping: boolean): void {
    if (items.length === 0) return this.empty('[]');
    const own = indent < 0 ? 0 : mapping && !this.indention ? indent : indent + INDENT;
    for (const item of items) {
      if (item === undefined) throw new TypeError('goYaml: cannot write undefined in a list');
      this.writeIndent(own);
      this.indicator('-', true, false, true);
      this.node(item, own, false);
    }
  }

  private mapping(object: Record<string, unknown>, indent: number): void {
    // json.Marshal leaves out what is undefined.
    const entries = new Map(Object.entries(object).filter(([, v]) => v !== undefined));
    if (entries.size === 0) return this.empty('{}');
    const own = indent < 0 ? 0 : indent + INDENT;
    const runes = new Map([...entries.keys()].map((k) => [k, [...k].map((c) => c.codePointAt(0)!)]));
    const less = (a: string, b: string) => keyLess(runes.get(a)!, runes.get(b)!);
    const keys = [...entries.keys()].sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
    // Only an order that every pair agrees with is the one sort.Sort finds from any starting order.
    keys.forEach((a, i) => keys.slice(i + 1).forEach((b) => {
      if (!less(a, b)) {
        throw new GoYamlKeyOrderError(`Helm's toYaml writes keys ${JSON.stringify(a)} and ${JSON.stringify(b)} in a random order `
          + `(go-yaml's natural key sort goes round in a circle through them): rename one so that the rendered file is stable`);
      }
    }));
    for (const key of keys) {
      this.writeIndent(own);
      // A simple key is one line of at most 128 bytes; any other is written "? key" then ": value".
      if (!analyze([...key]).multiline && Buffer.byteLength(key) <= 128) {
        this.string(key, own, true);
        this.indicator(':', false, false, false);
      } else {
        this.indicator('?', true, false, true);
        this.string(key, own, false);
        this.writeIndent(own);
        this.indicator(':', true, false, true);
      }
      this.node(entries.get(key), own, true);
    }
  }

  private empty(flow: '[]' | '{}'): void {
    this.indicator(flow[0]!, true, true, false);
    this.indicator(flow[1]!, false, false, false);
  }

  /** go-yaml's stringv: literal if it has a newline, plain unless that reads back as another type. */
  private string(text: string, indent: number, simpleKey: boolean): void {
    const style = text.includes('\n') ? 'literal' : needsQuotes(text) ? 'double' : 'plain';
    this.scalar(text, style, indent, simpleKey);
  }

  /** select_scalar_style, then the writer; a scalar's continuation lines sit one indent deeper. */
  private scalar(text: string, wanted: Style, indent: number, simpleKey: boolean): void {
    const chars = [...text];
    const can = analyze(chars);
    let style = wanted;
    if (style === 'plain' && !can.plain) style = 'single';
    if (style === 'single' && !can.single) style = 'double';
    if (style === 'literal' && !can.block) style = 'double'; // (a key with a newline is never simple)
    const own = indent < 0 ? INDENT : indent + INDENT;
    if (style === 'literal') return this.literal(chars, own);
    const fold = !simpleKey;
    if (style === 'double') return this.doubleQuoted(chars, own, fold);
    if (style === 'single') this.indicator("'", true, false, false);
    else if (!this.whitespace) this.put(' ');
    let spaces = false, breaks = false;
    chars.forEach((c, i) => {
      if (c === ' ') {
        // Fold at a single space once the line is past 80 columns; quoted, never at either end.
        const inside = style === 'plain' || (i > 0 && i < chars.length - 1);
        if (fold && !spaces && this.column > WIDTH && inside && chars[i + 1] !== ' ') this.writeIndent(own);
        else this.write(c);
        spaces = true;
      } else if (isBreak(c)) { // only U+2028 and U+2029 get here, single-quoted
        this.writeBreak(c);
        this.indention = breaks = true;
      } else {
        if (breaks) this.writeIndent(own);
        if (c === "'" && style === 'single') this.put("'");
        this.write(c);
        [this.indention, spaces, breaks] = [false, false, false];
      }
    });
    if (style === 'single') this.indicator("'", false, false, false);
    [this.whitespace, this.indention] = [false, false];
  }

  private doubleQuoted(chars: readonly string[], indent: number, fold: boolean): void {
    this.indicator('"', true, false, false);
    // go-yaml's is_bom looks at the start of the string, not at the character: a string that
    // begins with U+FEFF has every character escaped ("\uFEFF\x78").
    const bom = chars[0] === '\ufeff';
    let spaces = false;
    chars.forEach((c, i) => {
      if (bom || !isPrintable(c) || isBreak(c) || c === '"' || c === '\\') {
        this.put(`\\${escape(c)}`);
        spaces = false;
      } else if (c === ' ') {
        if (fold && !spaces && this.column > WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent(indent);
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.write(c);
        }
        spaces = true;
      } else {
        this.write(c);
        spaces = false;
      }
    });
    this.indicator('"', false, false, false);
    [this.whitespace, this.indention] = [false, false];
  }

  /** `|` with an indentation hint when the text starts with a space or break, and a chomping hint. */
  private literal(chars: readonly string[], indent: number): void {
    this.indicator('|', true, false, false);
    if (chars[0] === ' ' || isBreak(chars[0])) this.indicator(String(INDENT), false, false, false);
    const n = chars.length;
    const chomp = !isBreak(chars[n - 1]) ? '-' : n === 1 || isBreak(chars[n - 2]) ? '+' : '';
    if (chomp) this.indicator(chomp, false, false, false);
    this.newline();
    [this.indention, this.whitespace] = [true, true];
    let breaks = true;
    for (const c of chars) {
      if (!isBreak(c) && breaks) this.writeIndent(indent);
      if (isBreak(c)) this.writeBreak(c);
      else this.write(c);
      this.indention = breaks = isBreak(c);
    }
  }

  writeIndent(indent: number): void {
    const at = Math.max(indent, 0);
    if (!this.indention || this.column > at || (this.column === at && !this.whitespace)) this.newline();
    while (this.column < at) this.put(' ');
    [this.whitespace, this.indention] = [true, true];
  }

  private indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention &&= isIndention;
  }

  /** ASCII only: a column a byte. */
  private put(ascii: string): void { this.out += ascii; this.column += ascii.length; }
  /** A column a character, however many bytes (go-yaml counts runes). */
  private write(c: string): void { this.out += c; this.column += 1; }
  private newline(): void { this.out += '\n'; this.column = 0; }
  /** A break other than '\n' (U+2028, U+2029) is written as it is, and the column starts again. */
  private writeBreak(c: string): void { if (c === '\n') this.newline(); else { this.out += c; this.column = 0; } }
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\0': '0', '\x07': 'a', '\b': 'b', '\t': 't', '\n': 'n', '\v': 'v', '\f': 'f', '\r': 'r', '\x1b': 'e',
  '"': '"', '\\': '\\', '\u0085': 'N', '\u00a0': '_', '\u2028': 'L', '\u2029': 'P',
};

/** The escape after the backslash: a short one, else \xXX, \uXXXX or \UXXXXXXXX in upper-case hex. */
function escape(c: string): string {
  const short = SHORT_ESCAPES[c];
  if (short) return short;
  const cp = c.codePointAt(0)!;
  const [letter, digits] = cp <= 0xff ? ['x', 2] : cp <= 0xffff ? ['u', 4] : ['U', 8];
  return letter + cp.toString(16).toUpperCase().padStart(digits, '0');
}
