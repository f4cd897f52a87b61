/**
 * The form an answer is compared in: answers are case-insensitive and may carry the spaces
 * a user typed around them.
 */
export function normalizeCaptchaAnswer(answer: string): string {
  return answer.trim().toUpperCase();
}
