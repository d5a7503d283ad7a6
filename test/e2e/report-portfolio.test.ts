// `lepton report --all` in headless Chromium: one row per project linking to its section, a table
// sortable by every column without a script (the heading's link shows a sorted copy), a project
// whose manifest is broken reported in its row, axe-core clean, no request made.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { gatherPortfolio } from '../../src/lifecycle/report-data.js';
import { renderPortfolioPage } from '../../src/report/html/page.js';
import { runLepton } from '../helpers/cli.js';
import { axeViolations, CHROMIUM, hasChromium, launchChromium, openFile, type Browser } from '../helpers/chromium.js';
import { createTempRepo, gitEnv, type TempRepo } from '../helpers/git-repo.js';
import { ADA, OWNERS_YAML } from '../helpers/lifecycle-project.js';

if (!hasChromium) console.warn(`report-portfolio: no Chromium at ${CHROMIUM}, browser tests skipped (apt-get install chromium, or set LEPTON_CHROMIUM)`);

const manifest = (name: string, gate: string) => `version: 1
project:
  name: ${name}
${OWNERS_YAML}
phase: poc
phases:
  - id: poc
    title: Proof of concept
    gate:
${gate}
  - id: design
    title: Design
    gate:
      - { id: architecture, file: docs/architecture.md }
      - { id: diagrams, file: docs/diagrams.md }
`;

const NOW = '2026-12-02T09:00:00Z';

describe.skipIf(!hasChromium)('lepton report --all in Chromium', () => {
  let repo: TempRepo;
  let browser: Browser;
  let file: string;
  const run = async (dir: string, args: string[], now: string) => {
    const result = await runLepton(args, { cwd: path.join(repo.dir, dir), env: { ...gitEnv(ADA), LEPTON_NOW: now } });
    expect(result.exitCode, result.stderr).toBe(0);
    await repo.commitAll(args.join(' '));
  };
  beforeAll(async () => {
    repo = await createTempRepo({
      files: {
        'services/alpha/lepton.yaml': manifest('alpha', '      - { id: code, file: "src/*.py" }'),
        'services/beta/lepton.yaml': manifest('beta', '      - { id: code, file: "src/*.py" }'),
        'services/beta/src/model.py': 'x = 1\n',
        'zeta/lepton.yaml': 'version: 1\nproject: { name: zeta }\nphase: nowhere\nphases: []\n',
      },
    });
    // beta advanced on Nov 10 and carries two waivers; alpha never advanced.
    await run('services/beta', ['advance'], '2026-11-10T10:00:00Z');
    await run('services/beta', ['waive', 'architecture', '--reason', 'next sprint', '--until', '2026-12-20'], '2026-11-20T10:00:00Z');
    await run('services/beta', ['waive', 'diagrams', '--reason', 'next sprint', '--until', '2026-12-05'], '2026-11-21T10:00:00Z');
    const result = await runLepton(['report', '--all', '--out', 'portfolio.html'], { cwd: repo.dir, env: { LEPTON_NOW: NOW } });
    expect(result.exitCode, result.stderr).toBe(0);
    file = path.join(repo.dir, 'portfolio.html');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await repo?.cleanup();
  });

  const visibleRows = (page: import('playwright-core').Page) =>
    page.locator('.portfolio table.portfolio-table:visible tbody tr').evaluateAll((rows) => rows.map((row) => row.querySelector('th')!.textContent));

  it('has one row per project, each linking to its section', async () => {
    const { page, requests } = await openFile(browser, file);
    expect(await visibleRows(page)).toEqual(['alphaservices/alpha', 'betaservices/beta', 'zetazeta']);
    const links = await page.locator('.unsorted tbody th a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    for (const link of links) expect(await page.locator(`section${link}`).count(), link!).toBe(1);
    const beta = page.locator('.unsorted tbody tr', { hasText: 'services/beta' });
    expect(await beta.locator('td').allTextContents()).toEqual(['Design (design)', '22', '0', '2', '2026-11-10']);
    const alpha = page.locator('.unsorted tbody tr', { hasText: 'services/alpha' });
    expect(await alpha.locator('td').allTextContents()).toEqual(['Proof of concept (poc)', '—', '1', '0', 'never']);
    expect(await page.locator('.unsorted tbody tr', { hasText: 'zeta' }).textContent()).toContain('ERROR');
    expect(requests).toEqual([]);
  });

  it('sorts by a column when its heading is chosen, with no script on the page', async () => {
    const { page, requests } = await openFile(browser, file);
    expect(await page.locator('script').count()).toBe(0);
    await page.locator('.unsorted th a', { hasText: 'Waiver debt' }).click();
    expect(page.url()).toMatch(/#portfolio-by-debt$/);
    expect(await visibleRows(page)).toEqual(['beta', 'alpha', 'zeta']);
    expect(await page.locator('#portfolio-by-debt th[aria-sort="descending"]').textContent()).toBe('Waiver debt');
    await page.locator('#portfolio-by-debt th a', { hasText: 'Blockers' }).click();
    expect(await visibleRows(page)).toEqual(['alpha', 'beta', 'zeta']);
    await page.locator('#portfolio-by-blockers th a', { hasText: 'Project' }).click();
    expect(await visibleRows(page)).toEqual(['alphaservices/alpha', 'betaservices/beta', 'zetazeta']);
    expect(requests).toEqual([]);
  });

  it('aligns the numeric columns right, in every copy of the table', async () => {
    const { page } = await openFile(browser, file);
    for (const table of ['.unsorted', '#portfolio-by-debt']) {
      const cells = page.locator(`${table} tbody tr`, { hasText: 'beta' }).locator('td');
      expect(
        await cells.evaluateAll((tds) => tds.map((td) => (globalThis as unknown as { getComputedStyle(node: unknown): { textAlign: string } }).getComputedStyle(td).textAlign)),
      ).toEqual(['left', 'right', 'right', 'right', 'left']);
    }
  });

  it("says a hint that several projects' checks give once, in a list of common fixes each of those checks links to", async () => {
    const data = await gatherPortfolio(repo.dir, 'portfolio', { env: { LEPTON_NOW: NOW } });
    const alpha = data.projects.find((entry) => entry.path === 'services/alpha')!;
    // A second project like alpha, failing the same check with the same hint.
    data.projects.push({ ...alpha, path: 'services/gamma', name: 'gamma', data: { ...alpha.data!, project: { ...alpha.data!.project, name: 'gamma' } } });
    const hint = alpha.data!.gate.checks.find((check) => check.id === 'code')!.hint!;
    const page = path.join(repo.dir, 'common-fixes.html');
    await writeFile(page, renderPortfolioPage(data));
    const { page: opened, requests } = await openFile(browser, page);
    expect(await opened.locator('.fixes li').allTextContents()).toEqual([`${hint} (2 checks)`]);
    const links = await opened.locator('tr[data-check="poc/code"] .hint a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
    expect(links).toEqual(['#fix-1', '#fix-1']);
    expect(await opened.locator('li#fix-1').count()).toBe(1);
    expect(await opened.locator('tr[data-check="poc/code"]').first().textContent()).toContain('How to fix: see common fix 1');
    expect(await axeViolations(opened)).toEqual([]);
    expect(requests).toEqual([]);
  });

  it('has no serious or critical axe-core violation, in light and in dark', async () => {
    const { page } = await openFile(browser, file);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page)).toEqual([]);
  });
});
