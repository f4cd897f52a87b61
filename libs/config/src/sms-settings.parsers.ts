/** Fixed codes by E.164 phone number. */
export type SmsTestNumbers = Readonly<Record<string, string>>;

const E164 = /^\+[1-9]\d{6,14}$/;
const TEST_CODE = /^\d{4,8}$/;

/** `+8613800000000:123456,+14155550100:1234`; undefined when malformed. */
export function parseSmsTestNumbers(text: string): SmsTestNumbers | undefined {
  const numbers: Record<string, string> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  for (const entry of entries) {
    const separator = entry.lastIndexOf(':');
    const phone = entry.slice(0, separator).trim();
    const code = entry.slice(separator + 1).trim();
    if (separator < 0 || !E164.test(phone) || !TEST_CODE.test(code) || phone in numbers) return;
    numbers[phone] = code;
  }
  return numbers;
}
