// `lepton report` opened in real headless Chromium: the timeline has one mark per ledger
// transition, every check is listed, waiver days are right, axe-core finds nothing serious (light,
// dark), print rules apply, and the page makes no request of any kind. Takes the screenshot the
// README shows (LEPTON_UPDATE_SCREENSHOT=1 writes it to docs/).
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/lifecycle/project.js';
import { gatherProjectReport } from '../../src/lifecycle/report-data.js';
import { renderProjectPage } from '../../src/report/html/page.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { axeViolations, CHROMIUM, hasChromium, launchChromium, openFile, type Browser } from '../helpers/chromium.js';
import { lepton } from '../helpers/lifecycle-project.js';
import { createReportProject, REPORT_NOW, TRANSITIONS, WAIVER_UNTIL } from '../helpers/report-project.js';

if (!hasChromium) console.warn(`report-html: no Chromium at ${CHROMIUM}, browser tests skipped (apt-get install chromium, or set LEPTON_CHROMIUM)`);

const SCREENSHOT = fileURLToPath(new URL('../../docs/report-screenshot.png', import.meta.url));

describe.skipIf(!hasChromium)('lepton report in Chromium', () => {
  let repo: TempRepo;
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    repo = await createReportProject();
    const result = await lepton(repo, ['report'], { now: REPORT_NOW });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('lepton-report.html\n');
    file = path.join(repo.dir, 'lepton-report.html');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await repo?.cleanup();
  });

  it('draws one timeline mark per ledger transition, and the reopen as a return', async () => {
    const { page, requests } = await openFile(browser, file);
    const marks = await page.locator('figure.timeline svg circle.mark').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event')));
    expect(marks).toEqual(['init', 'advance', 'reopen', 'advance']);
    expect(marks).toHaveLength(TRANSITIONS);
    expect(await page.locator('figure.timeline svg path.return').count()).toBeGreaterThan(0);
    expect(await page.locator('table.visits tbody tr').count()).toBe(4);
    expect(await page.locator('table.visits tbody tr').last().textContent()).toContain('current');
    expect(requests).toEqual([]);
  });

  it('lists every check of the current gate and of the regression guard', async () => {
    const { page } = await openFile(browser, file);
    const gate = await page.locator('.gate-current tr.check').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-check'), row.getAttribute('data-status')]));
    expect(gate).toEqual([
      ['design/architecture-written', 'waived'],
      ['design/unit-tests', 'fail'],
      ['design/design-review', 'fail'],
    ]);
    const all = await page.locator('tr.check').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-check')));
    expect(all).toEqual([
      'design/architecture-written',
      'design/unit-tests',
      'design/design-review',
      'poc/plan-written',
      'poc/prototype-exists',
      'poc/results-meet-criteria',
      'poc/go-decision',
    ]);
    expect(await page.locator('tr[data-check="design/unit-tests"]').textContent()).toContain('FAILED tests/test_model.py::test_latency');
    expect(await page.locator('tr[data-check="design/architecture-written"]').textContent()).toContain(`Waived until ${WAIVER_UNTIL}`);
  });

  it('gives the waiver its days left and counts the waiver debt', async () => {
    const { page } = await openFile(browser, file);
    expect(await page.locator('tr.waiver').getAttribute('data-days-left')).toBe('8');
    expect(await page.locator('tr.waiver td.days-left').textContent()).toBe('8 days');
    // Numeric columns are right-aligned by position: the days left, the ledger's #, the time spent in a phase.
    for (const cell of ['tr.waiver td.days-left', 'table.ledger tbody td:first-child', 'table.visits tbody td:last-child']) {
      expect(
        await page
          .locator(cell)
          .first()
          .evaluate((td) => (globalThis as unknown as { getComputedStyle(node: unknown): { textAlign: string } }).getComputedStyle(td).textAlign),
        cell,
      ).toBe('right');
    }
    expect(await page.locator('.waiver-debt').textContent()).toMatch(/1 open waiver; oldest granted 2026-11-30 .*soonest to expire 2026-12-10 .*8 days left/);
    expect(await page.locator('table.sign-offs tbody tr').count()).toBe(2);
    expect(await page.locator('table.ledger tbody tr').count()).toBe(7);
    expect(await page.locator('table.documents').textContent()).toContain('2 / 2');
  });

  it('has no serious or critical axe-core violation, in light and in dark', async () => {
    const { page } = await openFile(browser, file);
    expect(await axeViolations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    const background = await page.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(background).toBe('rgb(13, 17, 23)');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('runs an axe-core that does find a critical violation on a page that has one', async () => {
    const bad = path.join(repo.dir, 'bad.html');
    await writeFile(bad, '<!doctype html><html><head><title>x</title></head><body><img src="data:,"></body></html>');
    const { page } = await openFile(browser, bad);
    expect((await axeViolations(page)).map((violation) => violation.id)).toContain('image-alt');
  });

  it('prints: light colours, and a PDF Chromium can make', async () => {
    const { page } = await openFile(browser, file);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('takes a screenshot', async () => {
    const { page } = await openFile(browser, file);
    const target = process.env.LEPTON_UPDATE_SCREENSHOT === '1' ? SCREENSHOT : path.join(repo.dir, 'screenshot.png');
    // Tall enough for the timeline and the current gate.
    await page.setViewportSize({ width: 1200, height: 1750 });
    await page.screenshot({ path: target, fullPage: false });
    const png = await readFile(target);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect((await stat(target)).size).toBeGreaterThan(10_000);
  });

  it('shows recorded values, the baseline comparison against its margin, and signatures, when the data has them', async () => {
    const data = await gatherProjectReport(await loadProject({ cwd: repo.dir }), { env: { LEPTON_NOW: REPORT_NOW } });
    const metric = data.guard!.checks.find((check) => check.id === 'results-meet-criteria')!;
    Object.assign(metric, {
      values: [{ path: 'accuracy', value: 0.91, op: '>=', threshold: 0.85 }],
      comparison: { verdict: 'no-detectable-change', metrics: [{ name: 'accuracy', baseline: 0.9, candidate: 0.91, delta: 0.01, low: -0.015, high: 0.035 }], flipped: ['case-17'] },
    });
    data.margins['poc/results-meet-criteria'] = 0.02;
    // A complete document whose advance hashed it: the message names the one file read, so no values line repeats it.
    const plan = data.guard!.checks.find((check) => check.id === 'plan-written')!;
    Object.assign(plan, {
      status: 'pass',
      message: 'docs/poc-plan.md is complete',
      values: { files: [{ path: 'docs/poc-plan.md', sha256: 'ab'.repeat(32) }], sections: { filled: 2, total: 2 } },
    });
    Object.assign(data.ledger.entries[1]!, { sig: '-----BEGIN SSH SIGNATURE-----\nU1NIU0lHAAAAAQAAADMAAAALc3NoLWVkMjU1MTk\n-----END SSH SIGNATURE-----' });
    const synthetic = path.join(repo.dir, 'synthetic.html');
    await writeFile(synthetic, renderProjectPage(data));
    const { page, requests } = await openFile(browser, synthetic);
    const row = page.locator('tr[data-check="poc/results-meet-criteria"]');
    expect(await row.locator('table.values td').allTextContents()).toEqual(['accuracy', '0.91', '>=', '0.85']);
    expect(await row.locator('.comparison-card').textContent()).toContain('no-detectable-change');
    expect(await row.locator('svg line.margin').count()).toBe(1);
    expect(await row.locator('svg line.interval').count()).toBe(1);
    expect(await row.textContent()).toContain('case-17');
    expect(await page.locator('tr[data-check="poc/plan-written"]').textContent()).toContain('docs/poc-plan.md is complete');
    expect(await page.locator('tr[data-check="poc/plan-written"] .values').count()).toBe(0);
    expect(await page.locator('tr[data-check="poc/prototype-exists"] .values').textContent()).toMatch(/^Read: src\/\w+\.py/);
    expect(await page.locator('table.ledger tbody tr[data-seq="2"]').textContent()).toContain('signed');
    expect(await page.locator('table.ledger tbody tr[data-seq="3"]').textContent()).toContain('unsigned');
    expect(await axeViolations(page)).toEqual([]);
    expect(requests).toEqual([]);
  });
});
