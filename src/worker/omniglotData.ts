/**
 * The shipped Omniglot files, fetched by a worker on first use. `?url` makes Vite emit them as
 * hashed assets beside the worker and give their URLs, right at any sub-path, in dev and build;
 * nothing is fetched until a job calls the loader, so the page itself never downloads the data.
 */
import binaryUrl from '../../data/omniglot/omniglot-28.bin?url';
import indexUrl from '../../data/omniglot/omniglot-28.json?url';
import { BINARY_FILE, INDEX_FILE } from '../core/omniglot/format';
import { cachedLoader } from '../core/omniglot/load';
import { fetchReader } from './omniglotFetch';

export const loadOmniglotInWorker = cachedLoader(
  fetchReader({ [INDEX_FILE]: indexUrl, [BINARY_FILE]: binaryUrl }),
);
