/** The shipped Omniglot files read from disk, for the CLI, benches and tests in Node. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedLoader, type OmniglotReader } from '../../core/omniglot/load';

/** data/omniglot/ of this checkout (committed: no ../shared needed). */
export const OMNIGLOT_DIR = fileURLToPath(new URL('../../../data/omniglot/', import.meta.url));

export const diskReader =
  (dir: string = OMNIGLOT_DIR): OmniglotReader =>
  async (file) =>
    new Uint8Array(await readFile(join(dir, file)));

/** Loads once per process. */
export const loadOmniglotNode = cachedLoader(diskReader());
