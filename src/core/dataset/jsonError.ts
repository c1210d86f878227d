// Turns "this record is not JSON" into where and what: the physical line and column, and what was expected.
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

const WHAT: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected `:` after the property name',
  CommaExpected: 'expected `,` between items',
  CloseBraceExpected: 'expected `}` (the object is not closed)',
  CloseBracketExpected: 'expected `]` (the array is not closed)',
  EndOfFileExpected: 'unexpected text after the end of the value',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'the string is not closed',
  UnexpectedEndOfNumber: 'the number is cut off',
  InvalidUnicode: 'a malformed \\u escape',
  InvalidEscapeCharacter: 'a malformed escape sequence',
  InvalidCharacter: 'a control character (e.g. a raw line break) inside a string',
};

/**
 * For a record starting on `firstLine` that JSON.parse refused: "line 12, column 7: not valid JSON: expected a value".
 * Falls back to V8's message when jsonc-parser (more lenient) finds nothing to complain about.
 */
export function describeJsonError(text: string, firstLine: number, v8Message: string): string {
  const errors: ParseError[] = [];
  parse(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return `line ${firstLine}: not valid JSON: ${v8Message}`;
  let line = firstLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < first.offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const code = printParseErrorCode(first.error);
  const what = WHAT[code] ?? code;
  const near =
    first.offset >= text.length
      ? 'at the end of the record'
      : `at ${JSON.stringify(text.slice(first.offset, first.offset + 20))}`;
  return `line ${line}, column ${first.offset - lineStart + 1}: not valid JSON: ${what} (${near})`;
}
