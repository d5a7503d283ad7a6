// writeFileAtomic removes the temp files an earlier, killed write of the same file left; a temp file
// named by another host is kept until it is an hour old (its writer may be alive there: a checkout
// shared with a container), since a pid means something only on the host that wrote it.
import { existsSync } from 'node:fs';
import { readdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/fs.js';
import { makeTempDir } from '../helpers/git-repo.js';

it("removes this host's dead writers' temps, keeps another host's fresh ones and removes its old ones", async () => {
  const dir = await makeTempDir();
  const dead = (await execa(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])).stdout;
  const oldStyle = `.data.json.${dead}.1.tmp`;
  const foreignFresh = `.data.json.${dead}.2.00000000.tmp`;
  const foreignOld = `.data.json.${dead}.3.ffffffff.tmp`;
  for (const name of [oldStyle, foreignFresh, foreignOld]) await writeFile(path.join(dir, name), 'half-written');
  const twoHoursAgo = new Date(Date.now() - 2 * 60 * 60 * 1000);
  await utimes(path.join(dir, foreignOld), twoHoursAgo, twoHoursAgo);

  await writeFileAtomic(path.join(dir, 'data.json'), '{}\n');

  expect(existsSync(path.join(dir, oldStyle))).toBe(false);
  expect(existsSync(path.join(dir, foreignFresh))).toBe(true);
  expect(existsSync(path.join(dir, foreignOld))).toBe(false);
  // Its own temp file is named by this host and gone after the rename.
  expect((await readdir(dir)).sort()).toEqual([foreignFresh, 'data.json'].sort());
});
