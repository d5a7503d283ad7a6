import { manifestJsonSchema } from '../manifest/schema.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ io }) => {
  io.stdout(`${JSON.stringify(manifestJsonSchema(), null, 2)}\n`);
  return 0;
};
