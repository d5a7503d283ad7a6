// governance.waive and owners' left: as the manifest loader reads them: a role nobody holds is a
// warning (nobody could waive), and an owner's last day must be a day of the calendar.
import { expect, it } from 'vitest';
import { parseManifest } from '../../src/manifest/load.js';

const manifest = (owner: string, governance = '') =>
  new TextEncoder().encode(`version: 1
project:
  name: governed
  owners:
    - ${owner}
${governance}phase: poc
phases:
  - { id: poc, title: PoC }
`);

it('warns when no owner holds a role governance.waive allows', async () => {
  const parsed = await parseManifest(manifest('{ name: Ada, email: ada@example.com, roles: [tech-lead] }', 'governance: { waive: { roles: [auditor] } }\n'), '/tmp/project');
  expect(parsed.problems).toEqual([]);
  expect(parsed.warnings).toEqual(['governance.waive allows only auditor, but no owner holds that role: nobody can waive a check']);
});

it('accepts a real last day and refuses one the calendar does not have', async () => {
  const real = await parseManifest(manifest('{ name: Ada, email: ada@example.com, left: 2028-02-29 }'), '/tmp/project');
  expect(real.problems).toEqual([]);
  expect(real.manifest!.project.owners[0]!.left).toBe('2028-02-29');
  const impossible = await parseManifest(manifest('{ name: Ada, email: ada@example.com, left: 2027-02-29 }'), '/tmp/project');
  expect(impossible.problems).toEqual([
    expect.objectContaining({ line: 5, keyPath: 'project.owners[0].left', message: expect.stringContaining('"2027-02-29" is not a calendar date') }),
  ]);
});

it('bounds governance.waive.max-days, so no waiver date overflows the calendar', async () => {
  const owner = '{ name: Ada, email: ada@example.com }';
  const huge = await parseManifest(manifest(owner, 'governance: { waive: { max-days: 100000000 } }\n'), '/tmp/project');
  expect(huge.problems).toEqual([expect.objectContaining({ keyPath: 'governance.waive.max-days', message: expect.stringContaining('at most 36500') })]);
  const century = await parseManifest(manifest(owner, 'governance: { waive: { max-days: 36500 } }\n'), '/tmp/project');
  expect(century.problems).toEqual([]);
});
