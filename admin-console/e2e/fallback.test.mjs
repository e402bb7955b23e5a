// The live feed's fallback chain, in the browser against the running system: with the WebSocket
// unavailable the console follows a batch over SSE, and with SSE refused too it polls. The WebSocket
// is made to fail inside the page (an init script replaces the constructor, as a proxy that refuses
// upgrades would); SSE is refused by intercepting its request. Everything else is the real system.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { adminCredentials, eventually, launchBrowser, newPage, shot, signInWith, tolerated } from './support.mjs';

const BATCH_TIMEOUT_MS = Number(process.env.APFA_E2E_BATCH_TIMEOUT_MS ?? 600_000);

function failingWebSocket() {
  window.WebSocket = class RefusedWebSocket {
    constructor() {
      setTimeout(() => this.onclose?.({ code: 1006, reason: '' }), 0);
    }
    close() {}
  };
}

/** Signs in, starts a batch on the Batches page and waits for its bar to reach 100 %; returns the row. */
async function runBatch(page) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/admin/batches') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Start batch' }).click(),
  ]);
  assert.equal(response.status(), 202);
  const row = page.locator(`tr[data-batch-id="${(await response.json()).batch_id}"]`);
  await eventually(async () => (await row.getAttribute('data-status')) === 'COMPLETED'
    && (await row.locator('progress').getAttribute('value')) === '100',
  { what: 'the batch to complete', timeoutMs: BATCH_TIMEOUT_MS, intervalMs: 250 });
  return row;
}

describe('live feed fallbacks', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  it('follows a batch over server-sent events when the WebSocket fails', async () => {
    const { context, page, errors } = await newPage(browser);
    await context.addInitScript(failingWebSocket);
    const { username, password } = adminCredentials();
    const limited = await signInWith(page, username, password);
    await page.getByText('Live: server-sent events').waitFor({ timeout: 20_000 });
    const row = await runBatch(page);
    await eventually(async () => Number(await row.getAttribute('data-live-events')) > 0,
      { what: 'live events over SSE', timeoutMs: 30_000 });
    await shot(page, 'batches-sse');
    assert.deepEqual(tolerated(errors, /\/api\/auth\/login/, 429, limited), []);
    await context.close();
  });

  it('polls when neither the WebSocket nor SSE is available', async () => {
    const { context, page, errors } = await newPage(browser);
    await context.addInitScript(failingWebSocket);
    let refused = 0;
    await page.route('**/api/events/stream', (route) => {
      refused++;
      return route.fulfill({ status: 503, contentType: 'application/problem+json', body: '{"status":503}' });
    });
    const { username, password } = adminCredentials();
    const limited = await signInWith(page, username, password);
    await page.getByText('Live: polling').waitFor({ timeout: 20_000 });
    const row = await runBatch(page);
    assert.equal(await row.getAttribute('data-live-events'), '0', 'no live events while polling');
    await shot(page, 'batches-polling');
    // The refused stream's own console line is the point of this test; nothing else may appear.
    const left = tolerated(tolerated(errors, /\/api\/auth\/login/, 429, limited), /\/api\/events\/stream/, 503, refused);
    assert.deepEqual(left, []);
    await context.close();
  });
});
