// Shared set-up of the browser tests: the running system's address, the admin's credentials, a
// Debian Chromium driven by playwright-core, and a record of every browser console error.
import { chromium } from 'playwright-core';
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const moduleDir = resolve(here, '..');
export const repoDir = resolve(moduleDir, '..');
export const screenshotDir = join(moduleDir, 'target', 'screenshots');

export const consoleUrl = process.env.APFA_CONSOLE_URL ?? 'http://127.0.0.1:8080/admin/';
/** The API origin: the console's own (the gateway serves both). */
export const apiBase = new URL('/', consoleUrl).toString().replace(/\/$/, '');

export function adminCredentials() {
  const username = process.env.APFA_ADMIN_USERNAME ?? 'admin';
  let password = process.env.APFA_ADMIN_PASSWORD;
  if (!password) {
    const dataDir = process.env.APFA_DATA_DIR ? resolve(repoDir, process.env.APFA_DATA_DIR) : join(repoDir, '.apfa');
    const file = join(dataDir, 'admin-password');
    if (!existsSync(file)) {
      throw new Error(`No admin password: set APFA_ADMIN_PASSWORD or run bin/apfa up (it writes ${file}).`);
    }
    password = readFileSync(file, 'utf8').trim();
  }
  return { username, password };
}

/** Seconds to wait after a 429 (the gateway's limits are per IP, and other clients share 127.0.0.1). */
export function retryAfter(value) {
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 65) : 5;
}

export async function apiCall(method, path, { token, body } = {}) {
  const headers = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  for (let attempt = 0; ; attempt++) {
    response = await fetch(apiBase + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (response.status !== 429 || attempt >= 2) break;
    await new Promise((r) => setTimeout(r, retryAfter(response.headers.get('retry-after')) * 1000));
  }
  const text = await response.text();
  let json;
  try { json = text ? JSON.parse(text) : undefined; } catch { json = text; }
  if (!response.ok) {
    throw new Error(`${method} ${path} → ${response.status}: ${text.slice(0, 300)}`);
  }
  return json;
}

export async function launchBrowser() {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.APFA_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // The flags keep Chromium from calling home (this machine has no network beyond loopback).
    args: ['--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

export async function launch() {
  const browser = await launchBrowser();
  const { page, errors } = await newPage(browser);
  return { browser, page, errors };
}

/** A fresh context (no shared storage) on a laptop-sized screen, recording console errors. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url ?? ''})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

export async function shot(page, name) {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Polls fn until it returns a truthy value; no fixed sleeps beyond the poll interval. */
export async function eventually(fn, { timeoutMs = 60_000, intervalMs = 500, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last.message}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * WCAG 2 A/AA violations axe-core finds on the page as it is now. The engine is evaluated through
 * the DevTools protocol, which the page's CSP does not govern, so the CSP stays on for the test.
 */
export async function accessibilityViolations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

/**
 * Signs in through the form; returns how many logins the gateway answered 429. Its limit (10
 * logins a minute per IP) is shared with every other client on this machine, so a 429 is waited out
 * (Retry-After) and the login tried again; the browser's console line for such a 429 is then the one
 * console error a run tolerates (the environment's limit, not the page's fault).
 */
export async function signInWith(page, username, password) {
  let limited = 0;
  await page.goto(consoleUrl);
  for (let attempt = 0; ; attempt++) {
    await page.getByLabel('User name').fill(username);
    await page.getByLabel('Password').fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/auth/login')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);
    if (response.status() !== 429 || attempt >= 2) {
      return limited;
    }
    limited++;
    await new Promise((r) => setTimeout(r, retryAfter(response.headers()['retry-after']) * 1000));
  }
}

/** The console errors left after removing up to `count` "status of <status>" lines for a URL. */
export function tolerated(errors, url, status, count) {
  let left = count;
  return errors.filter((e) => !(e.includes(`status of ${status}`) && url.test(e) && left-- > 0));
}
