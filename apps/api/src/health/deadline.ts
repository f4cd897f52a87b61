/**
 * Resolves to what `check` answers, or to false once `ms` have passed: a dependency that
 * hangs makes its check fail instead of holding the answer. The check itself is left to its
 * own timeouts (REDIS_COMMAND_TIMEOUT_MS, DATABASE_QUERY_TIMEOUT_MS).
 */
export async function trueWithin(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => (timer = setTimeout(resolve, ms, false)));
  try {
    return await Promise.race([check.catch(() => false), expired]);
  } finally {
    clearTimeout(timer);
  }
}
