import { setFlagsFromString } from 'node:v8';

/**
 * Sets V8's heap growth factor (HEAP_GROWTH_PERCENT) for this process. V8 reads it each time it
 * sets the next collection's limit, so setting it once the process runs takes effect at the
 * next full collection. 0 leaves V8's own dynamic factor.
 */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
