/**
 * The replies that opt out: Tencent's marketing templates must say "回复 TD、T 或 N 退订" (and
 * lately "拒收请回复 R"), Aliyun's old rule says TD, T or N, and STOP is what people type abroad.
 * Which keyword each platform acts on itself is not documented, so every one of them counts.
 */
export const OPT_OUT_KEYWORDS: ReadonlySet<string> = new Set(['R', 'TD', 'T', 'N', 'STOP', '退订']);

/**
 * True when the whole reply is an opt-out keyword, in any case, trimmed. NFKC first, so that
 * the full-width letters of a Chinese keyboard (`ＴＤ`) and an ideographic space count too.
 */
export function isOptOutReply(text: string): boolean {
  return OPT_OUT_KEYWORDS.has(text.normalize('NFKC').trim().toUpperCase());
}
