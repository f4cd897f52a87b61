import { asciiDigits } from './ascii-digits';

describe('asciiDigits', () => {
  it.each([
    ['ASCII digits, unchanged', '123456', '123456'],
    ['fullwidth digits', '１２３４５６', '123456'],
    ['Arabic-Indic digits', '٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['Extended Arabic-Indic (Persian) digits', '۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['Devanagari digits', '१२३४', '1234'],
    ['Thai digits', '๙๘๗', '987'],
    ['mathematical bold and monospace digits (runs that follow each other)', '𝟎𝟗𝟶𝟿', '0909'],
    ['a fullwidth plus and digits', '＋８６１３８００１３８０００', '+8613800138000'],
    ['a mix', '1２3', '123'],
  ])('reads %s', (_case, input, expected) => {
    expect(asciiDigits(input)).toBe(expected);
  });

  it.each([
    ['letters', 'abc'],
    ['Chinese numerals (not decimal digits)', '一二三'],
    ['superscripts (not decimal digits)', '²³'],
    ['circled digits (not decimal digits)', '①②'],
  ])('leaves %s as they are', (_case, input) => {
    expect(asciiDigits(input)).toBe(input);
  });
});
