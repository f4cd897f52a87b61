const DECIMAL_DIGIT = /\p{Nd}/u;
const NON_ASCII = /[\u0080-\u{10ffff}]/u;

/**
 * Unicode decimal digits (fullwidth `１２３`, Arabic-Indic `١٢٣`, Devanagari `१२३`, ...) as ASCII,
 * and the fullwidth plus as `+`; everything else as it was. Phone keyboards of several locales
 * type such digits, and a code typed that way is the same code.
 *
 * Unicode encodes every decimal digit in a run of ten from 0 to 9 (a stability guarantee), so a
 * digit's value is its distance from the start of its run, modulo 10 where runs follow each other.
 */
export function asciiDigits(text: string): string {
  if (!NON_ASCII.test(text)) return text;
  let result = '';
  for (const char of text) {
    if (char === '\uff0b') result += '+';
    else if (char.charCodeAt(0) > 0x7f && DECIMAL_DIGIT.test(char))
      result += String(digitValue(char));
    else result += char;
  }
  return result;
}

function digitValue(char: string): number {
  const codePoint = char.codePointAt(0) as number;
  let start = codePoint;
  while (start > 0 && DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return (codePoint - start) % 10;
}
