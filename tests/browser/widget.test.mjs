// Browser tests of the <kavosh-search> widget and the demo page, against a real
// kavosh-searchd. Run them through scripts/browser-tests.sh, which indexes data/sample,
// starts searchd and sets:
//   KAVOSH_URL          searchd's origin, e.g. http://127.0.0.1:40123
//   KAVOSH_HOST_PORT    a free port for the host page of another origin (allowed by CORS)
//   KAVOSH_SCREENSHOTS  where screenshots go
//   CHROMIUM            the browser binary (Debian's chromium; never downloaded)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.KAVOSH_URL;
const HOST_PORT = Number(process.env.KAVOSH_HOST_PORT);
const SHOTS = process.env.KAVOSH_SCREENSHOTS;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
if (!BASE || !HOST_PORT || !SHOTS) {
  throw new Error('run these tests through scripts/browser-tests.sh BUILD_DIR');
}
const HOST = `http://127.0.0.1:${HOST_PORT}`;
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

// Words present in data/sample/news.jsonl.
const BROAD_QUERY = 'لرستان';      // far more than one page of results
const FACET_QUERY = 'استاندار';

const W = 'kavosh-search';          // Playwright's CSS locators pierce open shadow roots
const sel = {
  input: `${W} input.q`,
  listbox: `${W} #suggest`,
  option: `${W} #suggest [role=option]`,
  hit: `${W} .hit`,
  mark: `${W} .hits mark`,
  summary: `${W} .summary`,
  chip: `${W} .chip`,
  next: `${W} .pager button[aria-label="صفحهٔ بعد"]`,
  alert: `${W} [role=alert]`,
};

let browser;
let hostServer;
let closedPort;

// A port nobody listens on: the "server is down" endpoint.
function unusedPort() {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Host pages of another origin that embed the widget with its two lines.
function hostPage(widgetAttrs) {
  return `<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>سایت میزبان</title>
<style>body{margin:24px;font-family:"Noto Sans Arabic",Tahoma,sans-serif;background:#fbfaf7}</style></head>
<body><h1>سایت میزبان</h1>
<script src="${BASE}/kavosh-search.js" defer></script>
<kavosh-search ${widgetAttrs}></kavosh-search>
</body></html>`;
}

function startHostServer() {
  const pages = {
    '/': hostPage(`endpoint="${BASE}" url-sync="off"`),
    '/default-endpoint.html': hostPage('url-sync="off"'),
    '/down.html': hostPage(`endpoint="http://127.0.0.1:${closedPort}" url-sync="off"`),
  };
  const server = http.createServer((req, res) => {
    const body = pages[new URL(req.url, HOST).pathname];
    res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(body || 'not found');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(HOST_PORT, '127.0.0.1', () => resolve(server));
  });
}

before(async () => {
  closedPort = await unusedPort();
  hostServer = await startHostServer();
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
});

after(async () => {
  if (browser) await browser.close();
  if (hostServer) await new Promise((resolve) => hostServer.close(resolve));
});

// Runs `fn` with a fresh page that records the widget's events and the page's errors;
// saves a screenshot when it fails.
async function withPage(name, options, fn) {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'fa-IR', ...options });
  await context.addInitScript(() => {
    window.__kavosh = { doc: Math.random(), results: [], errors: [], searches: [] };
    for (const [type, list] of [['kavosh-results', 'results'], ['kavosh-error', 'errors'], ['kavosh-search', 'searches']]) {
      document.addEventListener(type, (e) => window.__kavosh[list].push(e.detail));
    }
  });
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    await fn(page);
    assert.deepEqual(pageErrors, [], 'uncaught errors in the page');
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, `failed-${name}.png`), fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await context.close();
  }
}

// Where the widget's answers stand; a navigation starts a new document and a new count.
const seenResults = (page) => page.evaluate(() => window.__kavosh
  ? { doc: window.__kavosh.doc, count: window.__kavosh.results.length } : { doc: 0, count: 0 });

// Waits for the widget's next answer after `seen` and returns it.
async function nextResult(page, seen) {
  await page.waitForFunction((s) => {
    const k = window.__kavosh;
    return k && k.results.length > (k.doc === s.doc ? s.count : 0);
  }, seen, { timeout: 10000 });
  return page.evaluate(() => window.__kavosh.results.at(-1));
}

// Does `action` and waits for the search it starts; returns the widget's event detail
// and the JSON that searchd answered.
async function searchAfter(page, action) {
  const seen = await seenResults(page);
  const response = page.waitForResponse((r) => r.url().includes('/api/v1/search'), { timeout: 10000 });
  await action();
  const json = await (await response).json();
  const detail = await nextResult(page, seen);
  return { detail, json };
}

async function openSearch(page, params = {}) {
  const qs = new URLSearchParams(params).toString();
  return searchAfter(page, () => page.goto(`${BASE}/${qs ? `?${qs}` : ''}`));
}

const latin = (s) => s.replace(/[۰-۹]/g, (d) => d.charCodeAt(0) - 0x06F0).replace(/[٠-٩]/g, (d) => d.charCodeAt(0) - 0x0660);
const number = (s) => parseInt(latin(s).replace(/[^0-9]/g, ''), 10);
const urlParams = (page) => new URL(page.url()).searchParams;

async function shownTotal(page) {
  return number(await page.locator(`${sel.summary} strong`).first().textContent());
}

test('the widget script stays under 40 KB and the demo page serves it', async () => {
  const res = await fetch(`${BASE}/kavosh-search.js`);
  assert.equal(res.status, 200);
  const bytes = (await res.arrayBuffer()).byteLength;
  assert.ok(bytes < 40000, `kavosh-search.js is ${bytes} bytes`);
  const page = await fetch(`${BASE}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /<kavosh-search/);
});

test('demo page shows the newest news, Jalali dates in Persian digits and facets', async () => {
  await withPage('latest', {}, async (page) => {
    const { detail, json } = await openSearch(page);
    assert.ok(detail.total > 0, 'the empty search lists articles');
    assert.ok(await page.locator(sel.hit).count() > 0);
    const date = await page.locator(`${sel.hit} time`).first().textContent();
    assert.match(date, /^[۰-۹]{1,2} (فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند) [۰-۹]{4}$/, date);
    const first = json.hits.find((h) => h.date && h.date.jalali);
    assert.ok(first, 'some hit has a date');
    for (const facet of ['org', 'type', 'month']) {
      assert.ok(await page.locator(`${W} fieldset[data-facet=${facet}] input[type=checkbox]`).count() > 0, `facet ${facet} shown`);
    }
    // Type labels come from the facet labels, not the raw values.
    const typeLabel = await page.locator(`${W} fieldset[data-facet=type] .facet-label`).first().textContent();
    assert.doesNotMatch(typeLabel, /^[a-z]+$/, 'type facet shows a Persian label');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-latest.png'), fullPage: true });
  });
});

test('suggestions as you type, chosen with ArrowDown and Enter, give highlighted results', async () => {
  await withPage('suggest', {}, async (page) => {
    await openSearch(page);
    const suggestRequests = [];
    page.on('request', (r) => { if (r.url().includes('/api/v1/suggest')) suggestRequests.push(r.url()); });
    const input = page.locator(sel.input);
    assert.equal(await input.getAttribute('role'), 'combobox');
    assert.equal(await input.getAttribute('aria-controls'), 'suggest');
    assert.equal(await input.getAttribute('dir'), 'auto');
    await input.click();
    await input.pressSequentially(FACET_QUERY, { delay: 30 });
    await page.locator(sel.listbox).waitFor({ state: 'visible' });
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.ok(suggestRequests.length < FACET_QUERY.length, `debounced: ${suggestRequests.length} requests for ${FACET_QUERY.length} keys`);
    await page.screenshot({ path: path.join(SHOTS, 'desktop-suggestions.png') });

    // Escape closes the list and keeps the text; typing opens it again.
    await page.keyboard.press('Escape');
    assert.equal(await page.locator(sel.listbox).isHidden(), true);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.inputValue(), FACET_QUERY);
    await page.keyboard.press('ArrowDown');
    await page.locator(sel.listbox).waitFor({ state: 'visible' });

    await page.keyboard.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'opt-0');
    const first = page.locator(sel.option).first();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    const chosen = (await first.locator('.opt-text').textContent()).trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'opt-0');

    const { detail } = await searchAfter(page, () => page.keyboard.press('Enter'));
    assert.equal(await input.inputValue(), chosen);
    assert.equal(urlParams(page).get('q'), chosen);
    assert.equal(await page.locator(sel.listbox).isHidden(), true);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await input.getAttribute('aria-activedescendant'), null);
    assert.ok(detail.total > 0, `results for the suggestion «${chosen}»`);
    assert.ok(await page.locator(sel.mark).count() > 0, 'matches are highlighted with <mark>');
    assert.equal(await shownTotal(page), detail.total);
  });
});

test('facets filter the results, combine, and are removed with their chips', async () => {
  await withPage('facets', {}, async (page) => {
    const start = await openSearch(page, { q: FACET_QUERY });
    const total0 = start.detail.total;
    assert.ok(total0 > 1, `several results for ${FACET_QUERY}`);

    // The first type that narrows the results.
    const shown = await page.locator(`${W} fieldset[data-facet=type] input[type=checkbox]`).evaluateAll((els) => els.map((e) => e.value));
    const types = start.json.facets.type.filter((t) => shown.includes(t.value));
    const type = types.find((t) => t.count < total0) || types[0];
    const box = page.locator(`${W} fieldset[data-facet=type] input[value="${type.value}"]`);
    const shownCount = await page.locator(`${W} fieldset[data-facet=type] label:has(input[value="${type.value}"]) .count`).textContent();
    assert.equal(number(shownCount), type.count);
    const one = await searchAfter(page, () => box.check());
    assert.equal(one.detail.total, type.count, 'total is the facet count');
    assert.equal(await shownTotal(page), type.count);
    assert.deepEqual(urlParams(page).getAll('type'), [type.value]);
    assert.equal(await page.locator(sel.chip).count(), 1);
    assert.match(await page.locator(sel.chip).textContent(), new RegExp(type.label || type.value));

    // A month on top of it: facets of different kinds combine with AND.
    const months = one.json.facets.month || [];
    assert.ok(months.length > 0, 'month facet present');
    const month = months.reduce((a, b) => (b.count < a.count ? b : a));
    const two = await searchAfter(page, () => page.locator(`${W} fieldset[data-facet=month] input[value="${month.value}"]`).check());
    assert.equal(two.detail.total, month.count, `month=${month.value} keeps its facet count`);
    assert.deepEqual(urlParams(page).getAll('month'), [month.value]);
    assert.equal(await page.locator(sel.chip).count(), 2);
    for (const hit of two.json.hits) {
      assert.equal(hit.date.jalali.slice(0, 7), month.value, `${hit.id} is in ${month.value}`);
    }

    // Removing the chips brings back the unfiltered search.
    await searchAfter(page, () => page.locator(sel.chip).filter({ hasText: 'ماه:' }).click());
    const back = await searchAfter(page, () => page.locator(sel.chip).first().click());
    assert.equal(back.detail.total, total0);
    assert.equal(await page.locator(sel.chip).count(), 0);
    assert.equal(urlParams(page).getAll('type').length, 0);
    assert.equal(urlParams(page).getAll('month').length, 0);
  });
});

test('pages forward, restores the state from the URL on reload, and follows back/forward', async () => {
  await withPage('paging', {}, async (page) => {
    const one = await openSearch(page, { q: BROAD_QUERY });
    assert.ok(one.detail.total > 10, `more than one page for ${BROAD_QUERY}`);
    const firstOnPage1 = one.json.hits[0].id;

    const two = await searchAfter(page, () => page.locator(sel.next).click());
    assert.equal(two.detail.page, 2);
    assert.equal(urlParams(page).get('page'), '2');
    assert.notEqual(two.json.hits[0].id, firstOnPage1);
    assert.equal(await page.locator(`${W} .pager [aria-current=page]`).textContent(), '۲');
    assert.equal(await page.locator(sel.hit).first().getAttribute('data-id'), two.json.hits[0].id);

    // A reload restores the same search from the URL alone.
    const reloaded = await searchAfter(page, () => page.reload());
    assert.equal(reloaded.detail.page, 2);
    assert.equal(await page.locator(sel.input).inputValue(), BROAD_QUERY);
    assert.equal(reloaded.json.hits[0].id, two.json.hits[0].id);

    // Sorting starts again at page 1.
    const newest = await searchAfter(page, () => page.locator(`${W} select.sort`).selectOption('newest'));
    assert.equal(newest.detail.page, 1);
    assert.equal(urlParams(page).get('sort'), 'newest');
    assert.equal(urlParams(page).get('page'), null);
    const dates = newest.json.hits.map((h) => h.date && h.date.gregorian).filter(Boolean);
    assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');

    const back = await searchAfter(page, () => page.goBack());
    assert.equal(urlParams(page).get('sort'), null);
    assert.equal(back.detail.page, 2);
    assert.equal(await page.locator(`${W} select.sort`).inputValue(), 'relevance');
    const back2 = await searchAfter(page, () => page.goBack());
    assert.equal(back2.detail.page, 1);
    assert.equal(await page.locator(sel.hit).first().getAttribute('data-id'), firstOnPage1);
    const forward = await searchAfter(page, () => page.goForward());
    assert.equal(forward.detail.page, 2);
  });
});

test('a Jalali date range typed in Persian digits filters by date', async () => {
  await withPage('dates', {}, async (page) => {
    await openSearch(page, { q: BROAD_QUERY });
    // An impossible date is refused in words, without a request.
    await page.locator(`${W} #from`).fill('۱۴۰۴/۱۳/۰۱');
    await page.locator(`${W} .apply`).click();
    await page.locator(`${W} .date-error`).waitFor({ state: 'visible' });
    assert.equal(await page.locator(`${W} #from`).getAttribute('aria-invalid'), 'true');

    await page.locator(`${W} #from`).fill('۱۴۰۴/۰۱/۰۱');
    await page.locator(`${W} #to`).fill('۱۴۰۴/۰۲/۳۱');
    const { json } = await searchAfter(page, () => page.locator(`${W} .apply`).click());
    assert.equal(urlParams(page).get('from'), '1404/01/01');
    assert.equal(urlParams(page).get('to'), '1404/02/31');
    assert.ok(json.hits.length > 0, 'news in Farvardin-Ordibehesht 1404');
    for (const hit of json.hits) {
      assert.ok(hit.date.jalali >= '1404-01-01' && hit.date.jalali <= '1404-02-31', `${hit.id}: ${hit.date.jalali}`);
    }
    assert.ok(await page.locator(sel.chip).filter({ hasText: '۱۴۰۴/۰۱/۰۱' }).count() === 1);
  });
});

test('no results gives advice; "did you mean" searches the suggestion', async () => {
  await withPage('empty', {}, async (page) => {
    const { detail } = await openSearch(page, { q: 'ژژژژپپپچچچ' });
    assert.equal(detail.total, 0);
    await page.locator(`${W} .notice.empty`).waitFor();
    assert.match(await page.locator(`${W} .notice.empty`).textContent(), /خبری پیدا نشد/);

    // A misspelling: searchd offers a correction, the widget searches it when clicked.
    await searchAfter(page, async () => {
      await page.locator(sel.input).fill('بانگ');
      await page.keyboard.press('Enter');
    });
    const dym = page.locator(`${W} .dym`);
    assert.match(await dym.textContent(), /منظورتان\s*بانک\s*بود؟/);
    const fixed = await searchAfter(page, () => dym.locator('button').click());
    assert.equal(urlParams(page).get('q'), 'بانک');
    assert.ok(fixed.detail.total > 0);
  });
});

test('result HTML is sanitized down to <mark>', async () => {
  await withPage('sanitize', {}, async (page) => {
    await page.route('**/api/v1/search?*', (route) => route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        query: 'x', total: 2, total_is_exact: true, page: 1, per_page: 10, took_ms: 1, did_you_mean: null,
        hits: [{
          id: 'evil', url: 'javascript:window.__pwned=1', title: 't',
          title_html: 'خبر <mark>بد</mark><img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
          snippet_html: '<b>پررنگ</b> <a href="javascript:window.__pwned=1">پیوند</a> <mark class="x" onclick="window.__pwned=1">نشان</mark> &lt;mark&gt;',
          date: { gregorian: '2025-04-25', jalali: '1404-02-05', from: 'text' },
          orgs: ['<i>سازمان</i>'], types: ['meeting'], places: [], duplicates: 3, score: 1,
        }, {
          id: 'relative', url: '/fa/news/1/', title: 'نسبی', title_html: 'نسبی', snippet_html: '',
          date: {}, orgs: [], types: [], places: [], duplicates: 0, score: 1,
        }],
        facets: { type: [{ value: 'meeting', label: 'جلسه و نشست', count: 1 }] },
      }),
    }));
    await openSearch(page, { q: 'x' });
    const hit = page.locator(sel.hit).first();
    assert.equal(await hit.locator('img, script, b, a, i, iframe').count(), 0, 'only <mark> survives');
    assert.equal(await page.locator(`${sel.hit} a`).count(), 0, 'no link for javascript: or relative URLs');
    assert.equal(await hit.locator('mark').count(), 2);
    assert.equal(await hit.locator('mark[onclick], mark[class]').count(), 0, 'no attributes kept');
    assert.match(await hit.locator('.snippet').textContent(), /پررنگ پیوند نشان <mark>/);
    assert.equal(await hit.locator('.org').textContent(), '<i>سازمان</i>');
    assert.equal(await hit.locator('time').textContent(), '۵ اردیبهشت ۱۴۰۴');
    assert.match(await hit.locator('.dups').textContent(), /۳ نسخه دیگر/);
    assert.equal(await hit.locator('.tag').textContent(), 'جلسه و نشست');
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
  });
});

test('an error JSON from the server is explained in words', async () => {
  await withPage('error-json', {}, async (page) => {
    await page.route('**/api/v1/search?*', (route) => route.fulfill({
      status: 400, contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'bad_request', message: 'per_page must be at most 100' } }),
    }));
    await page.goto(`${BASE}/?q=${encodeURIComponent('بانک')}`);
    const alert = page.locator(sel.alert);
    await alert.waitFor();
    const text = await alert.textContent();
    assert.match(text, /نپذیرفت/);
    assert.match(text, /bad_request/);
    assert.match(text, /per_page must be at most 100/);
    const errors = await page.evaluate(() => window.__kavosh.errors);
    assert.equal(errors[0].status, 400);
    assert.equal(errors[0].code, 'bad_request');
  });
});

test('embedded in a page of another origin, it searches across origins (CORS)', async () => {
  await withPage('embed', {}, async (page) => {
    await page.goto(`${HOST}/`);
    const input = page.locator(sel.input);
    await input.click();
    await input.pressSequentially('بانک', { delay: 30 });
    await page.locator(sel.listbox).waitFor({ state: 'visible' });
    const { detail } = await searchAfter(page, async () => {
      await page.keyboard.press('Escape');
      await page.keyboard.press('Enter');
    });
    assert.ok(detail.total > 0);
    assert.ok(await page.locator(sel.mark).count() > 0);
    assert.equal(new URL(page.url()).search, '', 'url-sync="off" leaves the host URL alone');
    await page.screenshot({ path: path.join(SHOTS, 'desktop-embed-other-origin.png'), fullPage: true });
  });
  // Without endpoint the widget talks to the server it was loaded from.
  await withPage('embed-default', {}, async (page) => {
    await page.goto(`${HOST}/default-endpoint.html`);
    const { detail } = await searchAfter(page, async () => {
      await page.locator(sel.input).fill('بانک');
      await page.keyboard.press('Enter');
    });
    assert.ok(detail.total > 0);
  });
});

test('a server that is down gives an error message and a retry button', async () => {
  await withPage('down', {}, async (page) => {
    await page.goto(`${HOST}/down.html`);
    await page.locator(sel.input).fill('بانک');
    await page.keyboard.press('Enter');
    const alert = page.locator(sel.alert);
    await alert.waitFor({ timeout: 10000 });
    assert.match(await alert.textContent(), /در دسترس نیست/);
    assert.equal(await alert.locator('button.retry').count(), 1);
    const errors = await page.evaluate(() => window.__kavosh.errors);
    assert.equal(errors[0].kind, 'network');
  });
});

test('usable by keyboard alone, with visible focus', async () => {
  await withPage('keyboard', {}, async (page) => {
    await openSearch(page, { q: FACET_QUERY });
    const focused = () => page.evaluate(() => {
      const el = document.querySelector('kavosh-search').shadowRoot.activeElement;
      return el && { key: el.dataset.key || '', cls: el.className, outline: getComputedStyle(el).outlineStyle };
    });
    await page.locator(sel.input).focus();
    await page.keyboard.press('Tab'); // the search button
    assert.equal((await focused()).cls, 'go');
    assert.equal((await focused()).outline, 'solid', 'focus is visible');
    let f;
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (f && f.key.startsWith('["f"')) break;
    }
    assert.ok(f && f.key.startsWith('["f"'), 'reached a facet checkbox with Tab');
    assert.equal(f.outline, 'solid');
    const { detail } = await searchAfter(page, () => page.keyboard.press('Space'));
    assert.ok(detail.params.org.length + detail.params.type.length + detail.params.place.length + detail.params.month.length === 1);
    assert.equal((await focused()).key, f.key, 'focus stays on the checkbox after the results change');
  });
});

test('phone-sized screen: filters collapse above the results', async () => {
  await withPage('phone', { viewport: PHONE, isMobile: true, hasTouch: true }, async (page) => {
    await openSearch(page, { q: 'بانک' });
    const toggle = page.locator(`${W} .side-toggle`);
    assert.equal(await toggle.isVisible(), true);
    assert.equal(await page.locator(`${W} .side-body`).isVisible(), false);
    const toggleBox = await toggle.boundingBox();
    const hitBox = await page.locator(sel.hit).first().boundingBox();
    assert.ok(toggleBox.y < hitBox.y, 'filters come before the results');
    assert.ok(hitBox.width <= PHONE.width, 'results fit the screen');
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= PHONE.width, `no sideways scrolling (${scrollWidth}px)`);
    await page.screenshot({ path: path.join(SHOTS, 'phone-results.png') });
    await page.screenshot({ path: path.join(SHOTS, 'phone-results-full.png'), fullPage: true });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.equal(await page.locator(`${W} .side-body`).isVisible(), true);
    await page.screenshot({ path: path.join(SHOTS, 'phone-filters.png') });
  });
});

test('the demo page links the Atom feed of the current search', async () => {
  await withPage('feed', {}, async (page) => {
    await openSearch(page, { q: 'بانک' });
    await searchAfter(page, () => page.locator(`${W} fieldset[data-facet=org] input[type=checkbox]`).first().check());
    const href = await page.locator('#feed-link').getAttribute('href');
    const feed = new URL(href);
    assert.equal(feed.pathname, '/feed.atom');
    assert.equal(feed.searchParams.get('q'), 'بانک');
    assert.equal(feed.searchParams.getAll('org').length, 1);
    assert.equal(feed.searchParams.get('page'), null);
    const res = await fetch(href);
    assert.equal(res.status, 200, `GET ${href}`);
    assert.match(res.headers.get('content-type') || '', /atom|xml/);
    assert.match(await res.text(), /<feed[\s>/]/);
    const snippet = await page.locator('#embed-code').textContent();
    assert.ok(snippet.includes(`<script src="${BASE}/kavosh-search.js"`), snippet);
    assert.ok(snippet.includes(`<kavosh-search endpoint="${BASE}">`), snippet);
    await page.screenshot({ path: path.join(SHOTS, 'desktop-results.png'), fullPage: true });
  });
});
