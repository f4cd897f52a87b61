import type { Channel } from '../channel';

/**
 * A call that reads the text out: no signature (nobody sees it) and no link, the code's digits
 * spaced so text-to-speech reads them one by one ("1 2 3 4", not "one thousand two hundred…").
 * A call is billed per call, whatever the length of its text.
 */
export const voiceChannel: Channel = {
  id: 'voice',
  present: (text) => text,
  spellValue: (name, value) => (name === 'code' ? spellDigits(value) : value),
  countUnits: () => 1,
};

/** `123456` → `1 2 3 4 5 6`; a masked code (`******`) is spaced alike. */
export function spellDigits(code: string): string {
  return Array.from(code).join(' ');
}
