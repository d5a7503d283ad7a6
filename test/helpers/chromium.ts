// Real headless Chromium (Debian's /usr/bin/chromium, or LEPTON_CHROMIUM) through playwright-core,
// with a fresh profile and nothing that phones home; tests skip with a message when it is missing.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';
import { makeTempDir } from './git-repo.js';

export const CHROMIUM = process.env.LEPTON_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh user-data-dir. CSP is bypassed so the page's own requests show. */
export async function launchChromium(options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const profile = await makeTempDir('lepton-chromium-');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    bypassCSP: true,
    viewport: { width: 1200, height: 900 },
    colorScheme: options.colorScheme ?? 'light',
    offline: true,
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** Opens a file, recording every request the page makes besides the document itself. */
export async function openFile(browser: Browser, file: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.context.newPage();
  const url = `file://${file}`;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (npm `axe-core`) in the page; returns the serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const require = createRequire(import.meta.url);
  await page.evaluate(await readFile(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const results = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as { violations: AxeViolation[] };
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}
