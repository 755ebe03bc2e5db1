import { BINARY_FILE, INDEX_FILE, parseOmniglot, type OmniglotData } from './format';

/** Reads one shipped file by name (the worker fetches it, Node reads it from disk). */
export type OmniglotReader = (file: typeof INDEX_FILE | typeof BINARY_FILE) => Promise<Uint8Array>;

/** Loads and validates the shipped index and binary through `read` (no I/O of its own). */
export async function loadOmniglot(read: OmniglotReader): Promise<OmniglotData> {
  const [indexBytes, pixels] = await Promise.all([read(INDEX_FILE), read(BINARY_FILE)]);
  return parseOmniglot(JSON.parse(new TextDecoder().decode(indexBytes)), pixels);
}

/** A reader that loads each file once per page or process and shares it (failures are retried). */
export function cachedLoader(read: OmniglotReader): () => Promise<OmniglotData> {
  let pending: Promise<OmniglotData> | null = null;
  return () => {
    pending ??= loadOmniglot(read).catch((e: unknown) => {
      pending = null;
      throw e;
    });
    return pending;
  };
}
