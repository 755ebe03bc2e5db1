import type { BINARY_FILE, INDEX_FILE } from '../core/omniglot/format';
import type { OmniglotReader } from '../core/omniglot/load';

/**
 * A reader that fetches each Omniglot file from its URL: works in any worker, and in Node for
 * http(s) URLs (Node's fetch has no file: URLs; Node reads from disk, src/compute/omniglot/nodeData.ts).
 * Kept apart from omniglotData.ts, whose `?url` imports only a Vite build understands.
 */
export const fetchReader =
  (urls: Record<typeof INDEX_FILE | typeof BINARY_FILE, string>): OmniglotReader =>
  async (file) => {
    const res = await fetch(urls[file]);
    if (!res.ok) throw new Error(`Omniglot data: ${file}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
