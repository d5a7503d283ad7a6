// The report's SVG phase timeline in headless Chromium: every text (lane labels, the current
// phase's "◀ now", the axis dates) lies inside the SVG, even for long phase titles such as
// "Deployment and operations", which used to be cut off on the left ("eployment and operations").
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium, openFile, type Browser } from '../helpers/chromium.js';
import type { TempRepo } from '../helpers/git-repo.js';
import { ADA, createProject, lepton } from '../helpers/lifecycle-project.js';

if (!hasChromium) console.warn(`report-timeline-labels: no Chromium at ${CHROMIUM}, skipped`);

const LONG = 'Monitoring, retraining and decommissioning of the model in production';
const MANIFEST = `version: 1
project:
  name: churn
  owners:
    - { name: ${ADA.name}, email: ${ADA.email}, roles: [tech-lead] }
phase: poc
phases:
  - id: poc
    title: Proof of concept
  - id: deploy
    title: Deployment and operations
  - id: run
    title: ${LONG}
`;

describe.skipIf(!hasChromium)('the report timeline in Chromium', () => {
  let repo: TempRepo;
  let browser: Browser;
  let file: string;
  beforeAll(async () => {
    repo = await createProject(MANIFEST);
    for (const now of ['2026-06-01T10:00:00Z', '2026-06-10T10:00:00Z']) {
      const advanced = await lepton(repo, ['advance'], { now });
      expect(advanced.exitCode, advanced.stderr).toBe(0);
    }
    const report = await lepton(repo, ['report'], { now: '2026-06-20T10:00:00Z' });
    expect(report.exitCode, report.stderr).toBe(0);
    file = path.join(repo.dir, 'lepton-report.html');
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await repo?.cleanup();
  });

  it("puts every label's bounding box inside the SVG's", async () => {
    const { page } = await openFile(browser, file);
    const boxes = await page.locator('figure.timeline svg').evaluate((svg) => {
      const outer = svg.getBoundingClientRect();
      return [...svg.querySelectorAll('text')].map((node) => {
        const box = node.getBoundingClientRect();
        return { text: node.textContent, left: box.left - outer.left, right: outer.right - box.right, top: box.top - outer.top, bottom: outer.bottom - box.bottom };
      });
    });
    expect(boxes.map((box) => box.text)).toEqual(expect.arrayContaining(['Proof of concept', 'Deployment and operations']));
    for (const box of boxes) {
      expect(box.left, `${box.text}: left`).toBeGreaterThanOrEqual(0);
      expect(box.right, `${box.text}: right`).toBeGreaterThanOrEqual(0);
      expect(box.top, `${box.text}: top`).toBeGreaterThanOrEqual(0);
      expect(box.bottom, `${box.text}: bottom`).toBeGreaterThanOrEqual(0);
    }
  });

  it('shortens a title too long for the lane with an ellipsis, keeping all of it as a tooltip', async () => {
    const { page } = await openFile(browser, file);
    const group = page.locator('figure.timeline svg g.label');
    expect(await group.count()).toBe(1);
    expect(await group.locator('text').textContent()).toMatch(/^Monitoring, retraining.*… ◀ now$/);
    expect(await group.locator('title').textContent()).toBe(LONG);
  });
});
