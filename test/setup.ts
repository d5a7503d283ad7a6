// Runs in every test file (vitest.config.ts setupFiles): the temporary folders the helpers made
// are removed once the file's tests and its own hooks are done.
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/git-repo.js';

afterAll(removeTempDirs);
