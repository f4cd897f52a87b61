import { Injectable } from '@nestjs/common';

/** How long another instance's catalogue change may take to show here. */
export const CATALOG_CACHE_TTL_MS = 5_000;
/** Lookups of caller-given names are kept too; a flood of made-up names only clears the cache. */
const MAX_ENTRIES = 1_000;

interface Entry {
  value: Promise<unknown>;
  expiresAt: number;
  /** The last answer a read gave for this key, kept for when PostgreSQL cannot be read. */
  lastRead?: { value: unknown };
}

/**
 * The catalogue as the send path reads it (the approved templates of a purpose, the default
 * signature, templates and signatures by name), kept for a few seconds. Without it every request
 * for a code read PostgreSQL twice before its limits were checked, refused requests included:
 * most of the CPU of saying no (`npm run bench`, scenario 6). This instance's catalogue writes
 * clear it at once; another instance's show within CATALOG_CACHE_TTL_MS.
 *
 * A read that fails (PostgreSQL down) answers the last answer read for the key instead, kept
 * for another TTL: codes need only Redis, and nobody changes the catalogue while its database
 * is down. Only a key never read since the start (or the last change) fails then.
 */
@Injectable()
export class SmsCatalogCache {
  private readonly entries = new Map<string, Entry>();

  /** The cached answer for `key`, or `load()`'s, shared by concurrent callers. */
  get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt > now) return entry.value as Promise<T>;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    const lastRead = entry?.lastRead;
    const read = load();
    const value = lastRead === undefined ? read : read.catch(() => lastRead.value as T);
    const next: Entry = { value, expiresAt: now + CATALOG_CACHE_TTL_MS, lastRead };
    this.entries.set(key, next);
    read.then(
      (answer) => (next.lastRead = { value: answer }),
      () => {
        // A failed read with nothing to fall back on is not kept. (Loads in flight when the
        // catalogue changes are dropped by changed(), so a read that raced a write is not
        // kept either.)
        if (lastRead === undefined && this.entries.get(key) === next) this.entries.delete(key);
      },
    );
    return value;
  }

  /** Called after every catalogue write of this instance. */
  changed(): void {
    this.entries.clear();
  }
}
