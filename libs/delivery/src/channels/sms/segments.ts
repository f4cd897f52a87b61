const SINGLE_MESSAGE_CHARACTERS = 70;
const CONCATENATED_PART_CHARACTERS = 67;

/**
 * Billing segments as Chinese carriers count them (Tencent Cloud and Aliyun
 * alike): up to 70 characters, signature included, is one message; a longer
 * text is split into parts of 67. Every character counts as one, whatever its script.
 */
export function countSegments(content: string): number {
  const length = Array.from(content).length;
  if (length <= SINGLE_MESSAGE_CHARACTERS) return 1;
  return Math.ceil(length / CONCATENATED_PART_CHARACTERS);
}
