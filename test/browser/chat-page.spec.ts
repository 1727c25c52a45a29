import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startSampleApp } from '../sample/sample-app';

/** The Debian `chromium` package (`apt-get install chromium`); no browser is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '../../.artifacts');

/** What the page's answer element showed, update by update, and whether a tool call was shown first. */
interface AnswerUpdates {
  readonly texts: string[];
  readonly toolCallsAtFirstText: number;
}

/**
 * Runs in the page (plain JS: this project compiles without the DOM typings). Stores in
 * `window.updates` every text the next answer shows, and how many tool calls the page showed when
 * the first piece of the answer appeared.
 */
const RECORD_ANSWER_UPDATES = `
  window.updates = { texts: [], toolCallsAtFirstText: -1 };
  new MutationObserver((records) => {
    for (const record of records) {
      const node = record.target.nodeType === Node.ELEMENT_NODE ? record.target : record.target.parentElement;
      const answer = node && node.closest('[data-testid="answer"]');
      if (!answer) continue;
      if (window.updates.texts.length === 0) {
        window.updates.toolCallsAtFirstText = document.querySelectorAll('[data-testid="tool-call"]').length;
      }
      window.updates.texts.push(answer.textContent);
    }
  }).observe(document.getElementById('turns'), { childList: true, subtree: true, characterData: true });
`;

jest.setTimeout(60_000);

describe('the sample chat page in headless Chromium (local demo model)', () => {
  let app: INestApplication;
  let baseUrl: string;
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      // Never skip: a missing browser must fail the run, loudly.
      throw new Error(
        `${CHROMIUM} is missing: install the Debian package (apt-get install -y chromium); ` +
          '.ci/run installs it in CI.',
      );
    }
    ({ app } = await startSampleApp());
    await app.listen(0, '127.0.0.1');
    baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    profile = mkdtempSync(path.join(tmpdir(), 'conduit-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await app?.close();
    if (profile !== undefined) rmSync(profile, { recursive: true, force: true });
  });

  it('streams the answer token by token and shows the tool call and the cost', async () => {
    await page.goto(`${baseUrl}/`);
    await page.getByTestId('model').filter({ hasText: 'LOCAL DEMO MODEL' }).waitFor();
    // The agent's tools, the one of the sample's stdio MCP server among them.
    await page
      .getByTestId('tools')
      .filter({ hasText: 'units__convert (MCP server over stdio)' })
      .waitFor();

    // Record every change of the next answer's text, and how many tool calls were on the page then.
    await page.evaluate(RECORD_ANSWER_UPDATES);

    await page.getByTestId('question').fill('What is the weather in Paris?');
    await page.getByTestId('send').click();

    const toolCall = page.getByTestId('tool-call');
    await toolCall.filter({ hasText: 'get_weather' }).waitFor();
    await page.locator('[data-testid="turn"][data-done="true"]').waitFor();

    const answer = (await page.getByTestId('answer').textContent()) ?? '';
    const toolText = (await toolCall.textContent()) ?? '';
    expect(toolText).toContain('get_weather({"city":"Paris"})');
    expect(toolText).toContain('"city":"Paris"');
    expect(answer).toMatch(/^\[local demo model\] get_weather answered: \{"city":"Paris",/);
    expect(toolText).toContain(answer.slice('[local demo model] get_weather answered: '.length));

    const updates = await page.evaluate<AnswerUpdates>('window.updates');
    // Several updates, each a longer prefix of the final answer: it arrived in pieces.
    expect(updates.texts.length).toBeGreaterThan(3);
    updates.texts.forEach((text, index) => {
      expect(answer.startsWith(text)).toBe(true);
      if (index > 0) expect(text.length).toBeGreaterThan(updates.texts[index - 1].length);
    });
    expect(updates.texts[updates.texts.length - 1]).toBe(answer);
    // The tool call was on the page before the first piece of the answer.
    expect(updates.toolCallsAtFirstText).toBe(1);

    const cost = (await page.getByTestId('cost').textContent()) ?? '';
    expect(cost).toMatch(/^local-demo-model · \d+ in \/ \d+ out tokens · \$0\.\d{6}$/);
    await expect(page.getByTestId('error').count()).resolves.toBe(0);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'sample-chat-page.png'), fullPage: true });
  });

  it('attaches a PDF, asks about it, and shows the answer (POST /chat/file)', async () => {
    await page.goto(`${baseUrl}/`);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n');
    await page.getByTestId('attachment').setInputFiles({
      name: 'report.pdf',
      mimeType: 'application/pdf',
      buffer: pdf,
    });
    await page.getByTestId('question').fill('What is in this report?');
    await page.getByTestId('send').click();
    await page.locator('[data-testid="turn"][data-done="true"]').waitFor();

    await expect(page.getByTestId('answer').textContent()).resolves.toBe(
      '[local demo model] You asked "What is in this report?" about report.pdf (PDF, 0.0 KB, 1 page(s)). A real model would read it; I only describe it.',
    );
    await expect(page.getByTestId('error').count()).resolves.toBe(0);
    // The file is sent once: the next question goes to the agent again.
    await expect(page.getByTestId('attachment').inputValue()).resolves.toBe('');
  });
});
