// `lepton schema`: the JSON Schema of lepton.yaml, for editors.
import { manifestJsonSchema } from '../manifest/schema.js';
import { schemaText } from '../report/manifest.js';
import type { CommandRun } from './types.js';

export const run: CommandRun = async ({ io }) => {
  io.stdout(schemaText(manifestJsonSchema()));
  return 0;
};
