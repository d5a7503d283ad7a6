// What checks compute from a file's text alone (a Markdown document's analysis), kept from run to
// run in `.lepton/cache/checks.json` beside the exact text it came from: an unchanged document is
// not parsed again. Loaded on first use, saved once when the gate is done.
import { readCache, writeCache } from '../cache.js';

const FILE = 'checks.json';

interface Entry {
  input: string;
  value: unknown;
}

export class CheckCache {
  #entries: Promise<Map<string, Entry>> | undefined;
  #changed = false;

  constructor(private readonly root: string) {}

  /** The value kept under `key` when it was computed from exactly `input`. */
  async get<T>(key: string, input: string): Promise<T | undefined> {
    const entry = (await this.#load()).get(key);
    return entry?.input === input ? (entry.value as T) : undefined;
  }

  /** Keeps `value`, computed from `input`, under `key` (one input per key: the last one wins). */
  async set(key: string, input: string, value: unknown): Promise<void> {
    (await this.#load()).set(key, { input, value });
    this.#changed = true;
  }

  /** Writes the cache back when something was added (best effort, see src/cache.ts). */
  async save(): Promise<void> {
    if (!this.#changed || !this.#entries) return;
    await writeCache(this.root, FILE, Object.fromEntries(await this.#entries));
    this.#changed = false;
  }

  #load(): Promise<Map<string, Entry>> {
    this.#entries ??= Promise.resolve(new Map(Object.entries(readCache<Record<string, Entry>>(this.root, FILE) ?? {})));
    return this.#entries;
  }
}
