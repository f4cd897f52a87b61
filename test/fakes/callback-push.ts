/** What a vendor's push got back from the receiver, and whether the vendor counts it taken. */
export interface PushAnswer {
  status: number;
  body: unknown;
  /** The vendor's own test of the answer (else it retries the push). */
  taken: boolean;
}

/** POSTs `body` as JSON to `url` as a vendor's callback does, and reads the answer. */
export async function pushJson(
  url: string,
  body: unknown,
  taken: (status: number, answer: unknown) => boolean,
): Promise<PushAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(5000),
  });
  const text = await response.text();
  let answer: unknown = text;
  try {
    answer = JSON.parse(text);
  } catch {
    // not JSON: the vendor does not take it
  }
  return { status: response.status, body: answer, taken: taken(response.status, answer) };
}

/** `2026-11-21 08:03:04` in China Standard Time, as Chinese vendors write times. */
export function chinaTimeText(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
