/**
 * The shipped Omniglot files, fetched by a worker on first use. `?url` makes Vite emit them as
 * hashed assets beside the worker and give their URLs, right at any sub-path, in dev and build;
 * nothing is fetched until a job calls the loader, so the page itself never downloads the data.
 */
import binaryUrl from '../../data/omniglot/omniglot-28.bin?url';
import indexUrl from '../../data/omniglot/omniglot-28.json?url';
import { BINARY_FILE, INDEX_FILE } from '../core/omniglot/format';
import { cachedLoader, type OmniglotReader } from '../core/omniglot/load';

/** A reader that fetches each file from its URL (works in any worker, and in Node for http URLs). */
export const fetchReader =
  (urls: Record<typeof INDEX_FILE | typeof BINARY_FILE, string>): OmniglotReader =>
  async (file) => {
    const res = await fetch(urls[file]);
    if (!res.ok) throw new Error(`Omniglot data: ${file}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };

export const loadOmniglotInWorker = cachedLoader(
  fetchReader({ [INDEX_FILE]: indexUrl, [BINARY_FILE]: binaryUrl }),
);
