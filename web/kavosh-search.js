// Kavosh search box: one script tag and one element, no dependencies, no build step.
//
//   <script src="https://search.example.ir/kavosh-search.js" defer></script>
//   <kavosh-search endpoint="https://search.example.ir"></kavosh-search>
//
// It talks to kavosh-searchd's HTTP API (/api/v1/search and /api/v1/suggest). Attributes,
// CSS custom properties, events and the URL state are documented in docs/widget.md.
(() => {
'use strict';

const TAG = 'kavosh-search';
if (!('customElements' in window) || customElements.get(TAG)) return;

// The folder this script was loaded from is the default endpoint, so a page that loads
// the script from a Kavosh server talks to that server. currentScript is only set now.
const SCRIPT_BASE = (() => {
  const s = document.currentScript;
  try { return s && s.src ? new URL('.', s.src).href : ''; } catch (e) { return ''; }
})();

const FILTERS = ['org', 'type', 'place', 'month'];
const URL_KEYS = ['q', 'page', 'sort', ...FILTERS, 'from', 'to'];
const SORTS = [['relevance', 'مرتبط\u200cترین'], ['newest', 'جدیدترین'], ['oldest', 'قدیمی\u200cترین']];
const FILTER_TITLES = { org: 'سازمان', type: 'نوع رویداد', place: 'مکان', month: 'ماه' };
// The event types fixed by the API contract; labels sent in the type facet win.
const TYPE_LABELS = {
  meeting: 'جلسه و نشست', visit: 'دیدار و بازدید', workshop: 'کارگاه و آموزش',
  ceremony: 'مراسم و آیین', exhibition: 'نمایشگاه', charity: 'کمک و نیکوکاری',
  statement: 'بیانیه', trip: 'اردو', appointment: 'انتصاب و معارفه',
  project: 'طرح و افتتاح پروژه', other: 'سایر',
};
const MONTHS = ['فروردین', 'اردیبهشت', 'خرداد', 'تیر', 'مرداد', 'شهریور',
                'مهر', 'آبان', 'آذر', 'دی', 'بهمن', 'اسفند'];
const KINDS = { title: 'عنوان خبر', term: 'واژه', org: 'سازمان' };
const FACET_PREVIEW = 6;      // facet entries shown before "همه"
const MAX_SUGGESTIONS = 10;
const DEBOUNCE_MS = 150;
const TIMEOUT_MS = 15000;

// ---- Persian digits and Jalali dates ------------------------------------------------

const faDigits = (s) => String(s).replace(/[0-9]/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[d]);
// Extended Arabic-Indic (U+06F0..U+06F9) and Arabic-Indic (U+0660..U+0669) to ASCII.
const latinDigits = (s) => String(s)
  .replace(/[\u06F0-\u06F9]/g, (d) => d.charCodeAt(0) - 0x06F0)
  .replace(/[\u0660-\u0669]/g, (d) => d.charCodeAt(0) - 0x0660);

let numberFormat = null;
function faNumber(n, fraction = false) {
  try {
    numberFormat = numberFormat || new Intl.NumberFormat('fa-IR', { maximumFractionDigits: 1 });
    return numberFormat.format(fraction ? n : Math.round(n));
  } catch (e) {
    return faDigits(n);
  }
}

// "1404-02-05" -> "۵ اردیبهشت ۱۴۰۴".
function jalaliDay(text) {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text || '');
  return m && MONTHS[m[2] - 1] ? `${faDigits(+m[3])} ${MONTHS[m[2] - 1]} ${faDigits(m[1])}` : '';
}

// "1404-02" -> "اردیبهشت ۱۴۰۴".
function jalaliMonth(text) {
  const m = /^(\d{4})-(\d{1,2})$/.exec(text || '');
  return m && MONTHS[m[2] - 1] ? `${MONTHS[m[2] - 1]} ${faDigits(m[1])}` : '';
}

const arr = (x) => (Array.isArray(x) ? x : []);
const pad2 = (n) => String(n).padStart(2, '0');

// A date typed by a person, in any digits: Jalali "1404/1/5" or Gregorian "2025-04-25".
// Returns the API form ("1404/01/05", "2025-04-25"), '' for empty text, null if invalid.
function parseDate(text) {
  const s = latinDigits(text).trim().replace(/[-.\u066B\u2215\\]/g, '/');
  if (!s) return '';
  const m = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [+m[1], +m[2], +m[3]];
  if (y >= 1300 && y <= 1500) {
    const days = mo <= 6 ? 31 : 30;  // Esfand has 29 or 30: the server judges
    return mo >= 1 && mo <= 12 && d >= 1 && d <= days ? `${y}/${pad2(mo)}/${pad2(d)}` : null;
  }
  if (y >= 1900 && y <= 2200) {
    const t = new Date(Date.UTC(y, mo - 1, d));
    return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? `${y}-${pad2(mo)}-${pad2(d)}` : null;
  }
  return null;
}

// ---- Search state <-> query string --------------------------------------------------

function blankState() {
  return { q: '', page: 1, sort: 'relevance', org: [], type: [], place: [], month: [], from: '', to: '' };
}

function readState(params) {
  const s = blankState();
  s.q = (params.get('q') || '').trim();
  s.page = Math.max(1, parseInt(latinDigits(params.get('page') || ''), 10) || 1);
  const sort = params.get('sort');
  if (SORTS.some(([v]) => v === sort)) s.sort = sort;
  for (const f of FILTERS) s[f] = [...new Set(params.getAll(f).map((v) => v.trim()).filter(Boolean))];
  s.from = parseDate(params.get('from') || '') || '';
  s.to = parseDate(params.get('to') || '') || '';
  return s;
}

// The query string of a state; without paging it is what the Atom feed takes.
function writeParams(s, paging = true) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of FILTERS) for (const v of s[f]) p.append(f, v);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (paging && s.sort !== 'relevance') p.set('sort', s.sort);
  if (paging && s.page > 1) p.set('page', String(s.page));
  return p;
}

const filtersActive = (s) => !!(s.from || s.to || FILTERS.some((f) => s[f].length));
const searchActive = (s) => !!s.q || filtersActive(s);

// ---- Safe DOM ----------------------------------------------------------------------

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  if (tag === 'button') el.type = 'button';
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...kids.flat().filter((k) => k != null && k !== false));
  return el;
}

// The server promises escaped text in which only <mark> is markup. Trust nothing else:
// parse inertly (DOMParser runs no scripts and loads nothing) and keep text and <mark>.
function markedText(html) {
  const frag = document.createDocumentFragment();
  const doc = new DOMParser().parseFromString(`<body>${html == null ? '' : html}</body>`, 'text/html');
  copyMarked(doc.body, frag);
  return frag;
}

function copyMarked(from, to) {
  for (const n of from.childNodes) {
    if (n.nodeType === Node.TEXT_NODE) {
      to.append(n.data);
    } else if (n.nodeType === Node.ELEMENT_NODE &&
               !/^(script|style|template|noscript|iframe|object|svg|math|title)$/i.test(n.localName)) {
      if (n.localName === 'mark') {
        const m = document.createElement('mark');
        copyMarked(n, m);
        to.append(m);
      } else {
        copyMarked(n, to);
      }
    }
  }
}

// Only absolute web links: a relative one would point into the page that embeds us.
function safeHref(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : '';
  } catch (e) {
    return '';
  }
}

function fail(kind, status = 0, error = null) {
  const e = new Error(error && error.message ? String(error.message) : kind);
  e.kind = kind;
  e.status = status;
  e.code = error && error.code ? String(error.code) : '';
  return e;
}

function errorText(e) {
  if (e.kind === 'network') return 'سرور جستجو در دسترس نیست. اتصال را بررسی کنید و چند لحظه بعد دوباره تلاش کنید.';
  if (e.kind === 'timeout') return 'سرور جستجو به\u200cموقع پاسخ نداد. لطفاً دوباره تلاش کنید.';
  if (e.kind === 'format') return 'پاسخ سرور جستجو قابل خواندن نبود.';
  if (e.status >= 400 && e.status < 500) return 'سرور جستجو این درخواست را نپذیرفت.';
  return 'سرور جستجو با خطا روبه\u200cرو شد. لطفاً کمی بعد دوباره تلاش کنید.';
}

// ---- Styles and skeleton -----------------------------------------------------------

const CSS = `
:host{display:block;container-type:inline-size;font-family:var(--kavosh-font,inherit);line-height:1.7;color:var(--kavosh-fg,#1f2328)}
:host([hidden]){display:none}
/* Short private names for the public --kavosh-* properties, out of the page's reach. */
.ks{--ac:var(--kavosh-accent,#0b62b8);--acf:var(--kavosh-accent-fg,#fff);--bg:var(--kavosh-bg,#fff);
 --fg:var(--kavosh-fg,#1f2328);--mu:var(--kavosh-muted,#59636e);--bd:var(--kavosh-border,#d1d9e0);
 --sf:var(--kavosh-surface,#f4f6f8);--r:var(--kavosh-radius,10px);--mk:var(--kavosh-mark-bg,#ffe58a);
 --mkf:var(--kavosh-mark-fg,inherit);--dg:var(--kavosh-danger,#b42318);
 --so:color-mix(in srgb,var(--ac) 12%,transparent);--line:1px solid var(--bd);text-align:start}
[hidden]{display:none!important}
*,::before,::after{box-sizing:border-box}
button,input,select{font:inherit;color:inherit}
button{cursor:pointer}
:focus-visible{outline:2px solid var(--ac);outline-offset:2px}
ul,ol{list-style:none;margin:0;padding:0}
.bar{display:flex;gap:8px}
.combo{position:relative;flex:1;min-width:0}
.q,select,.date{width:100%;border:var(--line);background:var(--bg);border-radius:calc(var(--r) - 2px);padding:.35em .6em}
.q{border-radius:var(--r);padding:.65em 1em;font-size:1.06em;line-height:1.5}
.q:focus-visible{outline-offset:0;border-color:var(--ac)}
.go,.apply,.retry{border:1px solid var(--ac);background:var(--ac);color:var(--acf);border-radius:var(--r);padding:.55em 1.3em;font-weight:600}
.suggest{position:absolute;z-index:20;inset-inline:0;top:calc(100% + 4px);padding:4px;background:var(--bg);border:var(--line);border-radius:var(--r);box-shadow:0 8px 24px #0002;max-height:22em;overflow:auto}
.opt{display:flex;justify-content:space-between;align-items:baseline;gap:1em;padding:.4em .75em;border-radius:6px;cursor:pointer}
.opt:hover{background:var(--sf)}
.opt[aria-selected=true]{background:var(--so);box-shadow:inset -3px 0 0 var(--ac)}
.opt-text{font-weight:600;min-width:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.opt-kind,.took{flex:none;font-size:.8em;color:var(--mu)}
.body{margin-top:16px}
.busy .hits{opacity:.55;transition:opacity .15s .1s}
.layout{display:grid;gap:16px}
.side-toggle{display:flex;width:100%;justify-content:space-between;align-items:center;padding:.5em 1em;border:var(--line);border-radius:var(--r);background:var(--sf);font-weight:600}
.side-toggle::after{content:"";width:.5em;height:.5em;border:solid;border-width:0 2px 2px 0;transform:rotate(45deg)}
.side-toggle[aria-expanded=true]::after{transform:rotate(-135deg)}
.side-body{display:none;gap:14px;margin-top:8px;padding:14px;border:var(--line);border-radius:var(--r);background:var(--sf)}
.side.open .side-body{display:grid}
@container (min-width:720px){
 .layout{grid-template-columns:minmax(200px,250px) minmax(0,1fr);gap:24px;align-items:start}
 .side-toggle{display:none}
 .side .side-body{display:grid;margin-top:0;position:sticky;top:12px}
}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.label{display:block;padding:0;margin-bottom:4px;font-weight:700;font-size:.9em}
.dates-row{display:grid;grid-template-columns:auto 1fr;gap:6px 8px;align-items:center;font-size:.9em}
.date[aria-invalid=true]{border-color:var(--dg)}
.apply{grid-column:1/-1;padding:.3em 1em}
.date-error{margin:2px 0 0;color:var(--dg);font-size:.85em}
.facet-item{display:flex;align-items:flex-start;gap:8px;padding:3px 4px;border-radius:6px;cursor:pointer;font-size:.92em}
.facet-item:hover{background:var(--so)}
.facet-item input{margin:.4em 0 0;accent-color:var(--ac);flex:none}
.facet-label{flex:1;min-width:0;overflow-wrap:anywhere}
.count{color:var(--mu);font-size:.85em;background:var(--bg);padding:0 .55em;margin-top:.15em}
.more,.link{border:0;background:none;padding:2px 4px;color:var(--ac);font-size:.88em;text-decoration:underline;text-underline-offset:3px}
.summary{margin:0 0 8px;color:var(--mu);font-size:.92em}
.summary strong{color:var(--fg)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-bottom:10px}
.chip{display:inline-flex;align-items:center;gap:6px;padding:.15em .75em .15em .4em;border:1px solid var(--ac);background:var(--so);font-size:.88em}
.chip .x{display:inline-grid;place-items:center;width:1.3em;height:1.3em;border-radius:50%;background:var(--ac);color:var(--acf);line-height:1}
.chip,.tag,.org,.dups,.count{border-radius:999px}
.dym{margin:0 0 12px}
.dym .link{font-size:1em;font-weight:700}
.notice{padding:16px 18px;border:var(--line);border-radius:var(--r);background:var(--sf)}
.notice p{margin:0 0 6px}
.notice ul{list-style:disc;padding-inline-start:1.2em;color:var(--mu)}
.error{border-color:var(--dg);border-inline-start-width:4px}
.error .detail{color:var(--mu);font-size:.85em}
.retry{margin-top:6px;padding:.3em 1em}
.hits{display:grid;gap:12px}
.hit{padding:14px 18px;border:var(--line);border-radius:var(--r);background:var(--bg)}
.title{margin:0 0 2px;font-size:1.1em;line-height:1.6}
.title a{color:var(--ac);text-decoration:none}
.title a:hover{text-decoration:underline}
.meta{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;color:var(--mu);font-size:.85em}
.snippet{margin:6px 0 0;overflow-wrap:anywhere}
mark{background:var(--mk);color:var(--mkf);border-radius:2px;box-shadow:0 0 0 1px var(--mk)}
.tags{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.tag,.org{padding:0 .7em;font-size:.8em;line-height:1.9;border:1px solid transparent}
.tag{background:var(--so)}
.org{background:var(--bg);border-color:var(--bd)}
.org:hover{border-color:var(--ac);color:var(--ac)}
.dups{padding:0 .6em;border:1px dashed var(--bd)}
.pager ul{display:flex;flex-wrap:wrap;gap:6px;justify-content:center;margin:18px 0 4px}
.pager button,.gap{min-width:2.4em;padding:.25em .7em;border:var(--line);border-radius:calc(var(--r) - 2px);background:var(--bg)}
.gap{border-color:transparent;background:none;text-align:center}
.pager [aria-current=page]{background:var(--ac);border-color:var(--ac);color:var(--acf);font-weight:700}
.pager button:disabled{opacity:.45;cursor:default}
@container (max-width:460px){.go{padding-inline:.9em}.hit{padding:12px 14px}.far{display:none}}
`;

const HTML = `
<div class="ks" dir="rtl" lang="fa" part="root">
<form class="bar" role="search" novalidate>
 <div class="combo">
  <input id="q" class="q" type="search" name="q" dir="auto" role="combobox" aria-autocomplete="list"
   aria-expanded="false" aria-controls="suggest" aria-label="جستجو در اخبار" autocomplete="off"
   spellcheck="false" enterkeyhint="search" part="input">
  <ul id="suggest" class="suggest" role="listbox" aria-label="پیشنهادها" hidden part="suggestions"></ul>
 </div>
 <button class="go" type="submit" part="button">جستجو</button>
</form>
<div class="body" hidden>
 <div class="layout">
  <aside class="side" aria-label="پالایش نتایج" part="filters">
   <button class="side-toggle" aria-expanded="false" aria-controls="side-body"></button>
   <div id="side-body" class="side-body">
    <div><label class="label" for="sort">مرتب\u200cسازی</label><select id="sort" class="sort">${
      SORTS.map(([v, t]) => `<option value="${v}">${t}</option>`).join('')}</select></div>
    <form class="dates" novalidate><fieldset>
     <legend>بازه تاریخ</legend>
     <div class="dates-row">
      <label for="from">از</label><input id="from" class="date" placeholder="۱۴۰۴/۰۱/۰۱" autocomplete="off" aria-describedby="date-error">
      <label for="to">تا</label><input id="to" class="date" placeholder="۱۴۰۴/۰۲/۳۱" autocomplete="off" aria-describedby="date-error">
      <button class="apply" type="submit">اعمال بازه</button>
     </div>
     <p id="date-error" class="date-error" hidden></p>
    </fieldset></form>
    <div class="facets"></div>
   </div>
  </aside>
  <section class="main" aria-label="نتایج جستجو" part="results">
   <p class="summary" role="status" tabindex="-1"></p>
   <ul class="chips" aria-label="فیلترهای فعال"></ul>
   <p class="dym" hidden></p>
   <div class="message"></div>
   <ol class="hits"></ol>
   <nav class="pager" aria-label="صفحه\u200cهای نتایج" hidden></nav>
  </section>
 </div>
</div>
</div>`;

// ---- The element -------------------------------------------------------------------

class KavoshSearch extends HTMLElement {
  static get observedAttributes() { return ['endpoint', 'placeholder']; }

  constructor() {
    super();
    this.root = this.attachShadow({ mode: 'open' });
    this.root.innerHTML = `<style>${CSS}</style>${HTML}`;
    this.state = blankState();
    this.labels = new Map();          // "type:meeting" -> label, learnt from facets
    this.expanded = new Set();        // facets showing all their entries
    this.options = [];                // current suggestions
    this.active = -1;                 // index of the highlighted suggestion
    this.searchSeq = 0;
    this.suggestSeq = 0;
    this.searchCtl = null;
    this.suggestCtl = null;
    this.suggestTimer = 0;
    this.started = false;
    this.onPopState = () => {
      if (!this.urlSync) return;
      this.state = readState(new URLSearchParams(location.search));
      this.run();
    };
    this.wire();
  }

  $(sel) { return this.root.querySelector(sel); }

  get input() { return this.$('.q'); }

  // The API base URL, always ending in "/".
  get base() {
    const attr = (this.getAttribute('endpoint') || '').trim();
    const raw = attr || SCRIPT_BASE || `${location.origin}/`;
    try { return new URL(raw.endsWith('/') ? raw : `${raw}/`, location.href).href; } catch (e) { return `${location.origin}/`; }
  }

  get urlSync() { return !/^(off|false|no|0)$/i.test(this.getAttribute('url-sync') || ''); }

  get perPage() {
    const n = parseInt(this.getAttribute('per-page'), 10);
    return n >= 1 && n <= 100 ? n : 10;
  }

  // A copy of the current search: {q, page, sort, org[], type[], place[], month[], from, to}.
  get params() { return JSON.parse(JSON.stringify(this.state)); }

  // Runs a search. `init` is a state object (missing fields blank) or a query string.
  search(init = {}) {
    const next = typeof init === 'string' ? readState(new URLSearchParams(init)) : { ...blankState(), ...init };
    for (const f of FILTERS) next[f] = [].concat(next[f] || []).map(String);
    this.state = next;
    return this.run({ push: true });
  }

  connectedCallback() {
    window.addEventListener('popstate', this.onPopState);
    this.syncPlaceholder();
    if (this.started) return;
    this.started = true;
    if (this.urlSync) this.state = readState(new URLSearchParams(location.search));
    else if (this.getAttribute('query')) this.state.q = this.getAttribute('query').trim();
    this.run();
    if (this.hasAttribute('autofocus')) this.input.focus();
  }

  disconnectedCallback() {
    window.removeEventListener('popstate', this.onPopState);
    this.cancelSuggest();
    this.closeSuggest();
  }

  attributeChangedCallback(name, old, value) {
    if (name === 'placeholder') this.syncPlaceholder();
    else if (this.started && old !== value) this.run();
  }

  syncPlaceholder() {
    this.input.placeholder = this.getAttribute('placeholder') || 'جستجو در اخبار… (مثلاً: بانک، استاندار)';
  }

  wire() {
    const input = this.input;
    this.$('.bar').addEventListener('submit', (e) => {
      e.preventDefault();
      this.cancelSuggest();
      this.closeSuggest();
      this.update({ q: input.value.trim() });
    });
    input.addEventListener('input', () => this.scheduleSuggest());
    input.addEventListener('keydown', (e) => this.onKey(e));
    input.addEventListener('blur', () => this.closeSuggest());
    const list = this.$('.suggest');
    list.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
    list.addEventListener('click', (e) => {
      const li = e.target.closest('[role=option]');
      if (li) this.choose(+li.dataset.i);
    });
    this.$('.sort').addEventListener('change', (e) => this.update({ sort: e.target.value }));
    this.$('.dates').addEventListener('submit', (e) => { e.preventDefault(); this.applyDates(); });
    this.$('.side-toggle').addEventListener('click', (e) => {
      const open = this.$('.side').classList.toggle('open');
      e.currentTarget.setAttribute('aria-expanded', String(open));
    });
    // Everything rendered from results is handled here, by data attributes.
    this.root.addEventListener('change', (e) => {
      const t = e.target;
      if (t.dataset && t.dataset.filter) this.toggleFilter(t.dataset.filter, t.value, t.checked);
    });
    this.root.addEventListener('click', (e) => {
      const b = e.target.closest('button[data-act]');
      if (!b) return;
      const d = b.dataset;
      if (d.act === 'remove') this.removeFilter(d.f, d.v);
      else if (d.act === 'add') this.toggleFilter(d.f, d.v, true);
      else if (d.act === 'clear') this.update({ ...blankState(), q: this.state.q, sort: this.state.sort });
      else if (d.act === 'page') this.update({ page: +d.page }, { focus: true });
      else if (d.act === 'more') { this.expanded.has(d.f) ? this.expanded.delete(d.f) : this.expanded.add(d.f); this.renderFacets(); }
      else if (d.act === 'dym') this.update({ q: d.q });
      else if (d.act === 'retry') this.run();
    });
  }

  // ---- State changes ----

  update(patch, opts = {}) {
    this.state = { ...this.state, page: 1, ...patch };
    return this.run({ push: true, ...opts });
  }

  toggleFilter(f, v, on) {
    if (!FILTERS.includes(f) || !v) return;
    const now = this.state[f].filter((x) => x !== v);
    if (on) now.push(v);
    this.update({ [f]: now });
  }

  removeFilter(f, v) {
    if (f === 'from' || f === 'to') this.update({ [f]: '' });
    else this.toggleFilter(f, v, false);
  }

  applyDates() {
    const from = parseDate(this.$('#from').value);
    const to = parseDate(this.$('#to').value);
    const err = this.$('.date-error');
    this.$('#from').setAttribute('aria-invalid', String(from === null));
    this.$('#to').setAttribute('aria-invalid', String(to === null));
    if (from === null || to === null) {
      err.textContent = 'تاریخ را به شکل ۱۴۰۴/۰۱/۰۱ (یا ۲۰۲۵-۰۳-۲۱) بنویسید.';
      err.hidden = false;
      return;
    }
    err.hidden = true;
    this.update({ from, to });
  }

  writeUrl() {
    if (!this.urlSync) return;
    const url = new URL(location.href);
    for (const k of URL_KEYS) url.searchParams.delete(k);
    for (const [k, v] of writeParams(this.state)) url.searchParams.append(k, v);
    if (url.href === location.href) return;
    history.pushState(null, '', url);
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { bubbles: true, composed: true, detail }));
  }

  // ---- Search ----

  async run({ push = false, focus = false } = {}) {
    this.syncControls();
    if (push) this.writeUrl();
    const filters = writeParams(this.state, false).toString();
    this.emit('kavosh-search', {
      params: this.params,
      query: writeParams(this.state).toString(),
      feedUrl: new URL(`feed.atom${filters ? `?${filters}` : ''}`, this.base).href,
      endpoint: this.base,
    });
    const seq = ++this.searchSeq;
    if (this.searchCtl) this.searchCtl.abort();
    this.searchCtl = null;
    const body = this.$('.body');
    if (!searchActive(this.state) && !this.hasAttribute('show-latest')) {
      body.hidden = true;
      this.setBusy(false);
      return;
    }
    body.hidden = false;
    const ctl = this.searchCtl = new AbortController();
    const params = writeParams(this.state);
    params.set('per_page', String(this.perPage));
    this.setBusy(true);
    try {
      const data = await this.getJson('api/v1/search', params, ctl);
      if (seq !== this.searchSeq) return;
      this.render(data, focus);
      this.emit('kavosh-results', { total: +data.total || 0, page: +data.page || 1, tookMs: data.took_ms, params: this.params });
    } catch (e) {
      if (seq !== this.searchSeq) return;
      this.renderError(e);
      this.emit('kavosh-error', { kind: e.kind, status: e.status, code: e.code, message: e.message });
    } finally {
      if (seq === this.searchSeq) this.setBusy(false);
    }
  }

  async getJson(path, params, ctl) {
    const url = new URL(`${path}?${params}`, this.base).href;
    const timer = setTimeout(() => { ctl.timedOut = true; ctl.abort(); }, TIMEOUT_MS);
    try {
      let res;
      try {
        res = await fetch(url, { signal: ctl.signal });
      } catch (e) {
        throw fail(ctl.timedOut ? 'timeout' : e.name === 'AbortError' ? 'aborted' : 'network');
      }
      let data = null;
      try { data = await res.json(); } catch (e) { if (ctl.signal.aborted) throw fail(ctl.timedOut ? 'timeout' : 'aborted'); }
      if (data && typeof data === 'object' && data.error) throw fail('server', res.status, data.error);
      if (!res.ok) throw fail('http', res.status);
      if (!data || typeof data !== 'object') throw fail('format', res.status);
      return data;
    } finally {
      clearTimeout(timer);
    }
  }

  setBusy(on) {
    this.$('.body').classList.toggle('busy', on);
    this.$('.main').setAttribute('aria-busy', String(on));
  }

  syncControls() {
    const s = this.state;
    if (this.input.value.trim() !== s.q) this.input.value = s.q;
    this.$('.sort').value = s.sort;
    for (const k of ['from', 'to']) {
      const el = this.$(`#${k}`);
      if (parseDate(el.value) !== s[k]) el.value = faDigits(s[k]);
      el.removeAttribute('aria-invalid');
    }
    this.$('.date-error').hidden = true;
    this.renderChips();
    this.renderFacets();
  }

  label(f, v) {
    const known = this.labels.get(`${f}:${v}`);
    if (known) return known;
    if (f === 'type') return TYPE_LABELS[v] || v;
    if (f === 'month') return jalaliMonth(v) || v;
    return v;
  }

  // ---- Rendering ----

  render(data, focus) {
    const focusKey = this.focusKey();
    const s = this.state;
    this.facets = data.facets && typeof data.facets === 'object' ? data.facets : {};
    for (const f of FILTERS) {
      for (const it of arr(this.facets[f])) {
        if (it && it.label) this.labels.set(`${f}:${it.value}`, String(it.label));
      }
    }
    const hits = arr(data.hits);
    const total = Math.max(0, +data.total || 0);
    const page = +data.page || s.page;
    const per = +data.per_page || this.perPage;
    const pages = Math.ceil(total / per);

    const summary = this.$('.summary');
    summary.replaceChildren();
    if (total > 0) {
      const q = s.q ? [' برای ', h('strong', { dir: 'auto', text: `«${s.q}»` })] : [' در اخبار'];
      summary.append(data.total_is_exact === false ? 'حدود ' : '', h('strong', { text: faNumber(total) }), ' نتیجه', ...q);
      if (pages > 1) summary.append(` — صفحهٔ ${faNumber(page)} از ${faNumber(pages)}`);
      // searchd's `relaxed`: no article had every word, these have some of them.
      if (data.relaxed === true) summary.append('. خبری همهٔ واژه‌ها را نداشت؛ این‌ها بخشی از آن‌ها را دارند');
      if (typeof data.took_ms === 'number') summary.append(' ', h('span', { class: 'took', text: `(${faNumber(data.took_ms, true)} میلی\u200cثانیه)` }));
    }

    const dym = this.$('.dym');
    const suggestion = typeof data.did_you_mean === 'string' ? data.did_you_mean.trim() : '';
    dym.hidden = !suggestion;
    dym.replaceChildren();
    if (suggestion) {
      dym.append('منظورتان ', h('button', { class: 'link', 'data-act': 'dym', 'data-q': suggestion, dir: 'auto', text: suggestion }), ' بود؟');
    }

    const message = this.$('.message');
    message.replaceChildren();
    if (!hits.length) {
      const clear = filtersActive(s)
        ? h('button', { class: 'link', 'data-act': 'clear', text: 'حذف همه فیلترها' }) : null;
      if (total > 0) {
        message.append(h('div', { class: 'notice' }, h('p', { text: 'این صفحه نتیجه\u200cای ندارد.' }),
          h('button', { class: 'link', 'data-act': 'page', 'data-page': '1', text: 'رفتن به صفحهٔ اول' })));
      } else {
        const what = s.q ? ['برای ', h('strong', { dir: 'auto', text: `«${s.q}»` }), ' خبری پیدا نشد.'] : ['با این فیلترها خبری پیدا نشد.'];
        message.append(h('div', { class: 'notice empty' }, h('p', null, ...what),
          h('ul', null, h('li', { text: 'املای واژه\u200cها را بررسی کنید.' }),
            h('li', { text: 'واژه\u200cهای کمتر یا کلی\u200cتری به کار ببرید.' }),
            filtersActive(s) ? h('li', null, 'فیلترها را کم کنید یا ', clear, '.') : null)));
      }
    }

    const list = this.$('.hits');
    list.setAttribute('start', String((page - 1) * per + 1));
    list.replaceChildren(...hits.map((hit) => this.renderHit(hit)));
    this.renderPager(page, pages);
    this.renderFacets();
    this.renderChips();
    this.restoreFocus(focusKey);
    if (focus) {
      summary.focus({ preventScroll: true });
      if (summary.getBoundingClientRect().top < 0) this.scrollIntoView({ block: 'start' });
    }
  }

  renderHit(hit) {
    const href = hit.url ? safeHref(hit.url) : '';
    const title = hit.title_html != null ? markedText(hit.title_html) : document.createTextNode(hit.title || 'بدون عنوان');
    const meta = [];
    const date = hit.date || {};
    if (date.jalali) {
      meta.push(h('time', { datetime: date.gregorian || null, text: jalaliDay(date.jalali) || faDigits(date.jalali) }));
    }
    const places = arr(hit.places);
    if (places.length) meta.push(h('span', { class: 'places', text: places.join('، ') }));
    if (+hit.duplicates > 0) meta.push(h('span', { class: 'dups', text: `${faNumber(+hit.duplicates)} نسخه دیگر` }));
    const types = arr(hit.types).map((t) => h('span', { class: 'tag', text: this.label('type', t) }));
    const orgs = arr(hit.orgs).map((o) => h('button', {
      class: 'org', 'data-act': 'add', 'data-f': 'org', 'data-v': o, title: `فقط اخبار «${o}»`, text: o,
    }));
    return h('li', { class: 'hit', 'data-id': hit.id, part: 'hit' },
      h('h3', { class: 'title', dir: 'auto' }, href ? h('a', { href, part: 'link' }, title) : title),
      meta.length ? h('div', { class: 'meta' }, meta) : null,
      hit.snippet_html ? h('p', { class: 'snippet', dir: 'auto' }, markedText(hit.snippet_html)) : null,
      types.length || orgs.length ? h('div', { class: 'tags' }, types, orgs) : null);
  }

  renderPager(page, pages) {
    const nav = this.$('.pager');
    nav.hidden = pages <= 1;
    nav.replaceChildren();
    if (pages <= 1) return;
    const btn = (p, text, label, extra = {}) => h('li', { class: extra.far ? 'far' : null }, h('button', {
      'data-act': 'page', 'data-page': p, 'aria-label': label, disabled: extra.disabled,
      'aria-current': p === page && !extra.step ? 'page' : null, text,
    }));
    const items = [btn(page - 1, 'قبلی', 'صفحهٔ قبل', { step: true, disabled: page <= 1 })];
    let last = 0;
    for (let p = 1; p <= pages; p++) {
      const near = Math.abs(p - page);
      if (p !== 1 && p !== pages && near > 2) continue;
      if (last && p > last + 1) items.push(h('li', { class: 'gap', 'aria-hidden': 'true', text: '…' }));
      items.push(btn(p, faNumber(p), `صفحهٔ ${faNumber(p)}`, { far: near === 2 }));
      last = p;
    }
    items.push(btn(page + 1, 'بعدی', 'صفحهٔ بعد', { step: true, disabled: page >= pages }));
    nav.append(h('ul', null, items));
  }

  renderFacets() {
    const box = this.$('.facets');
    const facets = this.facets || {};
    const groups = [];
    for (const f of FILTERS) {
      const chosen = this.state[f];
      let items = arr(facets[f]).filter((it) => it && it.value != null && it.value !== '');
      if (f === 'month') items = items.slice().sort((a, b) => String(b.value).localeCompare(String(a.value)));
      // A chosen value stays visible even when this answer did not count it.
      for (const v of chosen) if (!items.some((it) => String(it.value) === v)) items.unshift({ value: v });
      if (!items.length) continue;
      const all = this.expanded.has(f);
      const shown = all ? items : items.filter((it, i) => i < FACET_PREVIEW || chosen.includes(String(it.value)));
      const list = h('ul', { class: 'facet-list' }, shown.map((it) => {
        const v = String(it.value);
        return h('li', null, h('label', { class: 'facet-item' },
          h('input', { type: 'checkbox', 'data-filter': f, value: v, checked: chosen.includes(v), 'data-key': JSON.stringify(['f', f, v]) }),
          h('span', { class: 'facet-label', text: this.label(f, v) }),
          typeof it.count === 'number' ? h('span', { class: 'count', 'aria-label': `${faNumber(it.count)} خبر`, text: faNumber(it.count) }) : null));
      }));
      const more = items.length > FACET_PREVIEW ? h('button', {
        class: 'more', 'data-act': 'more', 'data-f': f, 'aria-expanded': String(all),
        'data-key': JSON.stringify(['more', f]), text: all ? 'نمایش کمتر' : `همه (${faNumber(items.length)})`,
      }) : null;
      groups.push(h('fieldset', { class: 'facet', 'data-facet': f }, h('legend', { text: FILTER_TITLES[f] }), list, more));
    }
    const focusKey = this.focusKey();
    box.replaceChildren(...groups);
    this.restoreFocus(focusKey);
  }

  renderChips() {
    const s = this.state;
    const chips = [];
    for (const f of FILTERS) for (const v of s[f]) chips.push([f, v, `${FILTER_TITLES[f]}: ${this.label(f, v)}`]);
    if (s.from) chips.push(['from', '', `از ${faDigits(s.from)}`]);
    if (s.to) chips.push(['to', '', `تا ${faDigits(s.to)}`]);
    const items = chips.map(([f, v, text]) => h('li', null, h('button', {
      class: 'chip', 'data-act': 'remove', 'data-f': f, 'data-v': v,
      'data-key': JSON.stringify(['chip', f, v]), 'aria-label': `حذف فیلتر ${text}`,
    }, h('span', { text }), h('span', { class: 'x', 'aria-hidden': 'true', text: '×' }))));
    if (chips.length > 1) {
      items.push(h('li', null, h('button', { class: 'link', 'data-act': 'clear', text: 'پاک کردن همه' })));
    }
    const focusKey = this.focusKey();
    const ul = this.$('.chips');
    ul.replaceChildren(...items);
    ul.hidden = !items.length;
    this.restoreFocus(focusKey, true);
    const toggle = this.$('.side-toggle');
    toggle.textContent = chips.length ? `فیلترها و مرتب\u200cسازی (${faNumber(chips.length)})` : 'فیلترها و مرتب\u200cسازی';
  }

  // Rendering replaces elements; keep keyboard focus on the "same" control.
  focusKey() {
    const el = this.root.activeElement;
    return el && el.dataset ? el.dataset.key || null : null;
  }

  restoreFocus(key, chip) {
    if (!key) return;
    const el = this.root.activeElement;
    if (el && el.dataset && el.dataset.key === key && el.isConnected) return;
    const same = [...this.root.querySelectorAll('[data-key]')].find((e) => e.dataset.key === key);
    if (same) same.focus({ preventScroll: true });
    else if (chip && key.startsWith('["chip"')) (this.$('.chip') || this.input).focus({ preventScroll: true });
  }

  renderError(e) {
    this.$('.summary').replaceChildren();
    this.$('.dym').hidden = true;
    this.$('.hits').replaceChildren();
    this.$('.pager').hidden = true;
    const detail = e.kind === 'server' || e.kind === 'http'
      ? [e.code, e.status ? `HTTP ${e.status}` : '', e.message !== e.kind ? e.message : ''].filter(Boolean).join(' — ') : '';
    this.$('.message').replaceChildren(h('div', { class: 'notice error', role: 'alert' },
      h('p', { text: errorText(e) }),
      detail ? h('p', { class: 'detail', dir: 'auto', text: detail }) : null,
      h('button', { class: 'retry', 'data-act': 'retry', text: 'تلاش دوباره' })));
  }

  // ---- Suggestions (WAI-ARIA combobox with a listbox popup) ----

  scheduleSuggest() {
    this.cancelSuggest();
    const text = this.input.value;
    if (!text.trim()) { this.closeSuggest(); return; }
    this.suggestTimer = setTimeout(() => this.fetchSuggest(text), DEBOUNCE_MS);
  }

  cancelSuggest() {
    clearTimeout(this.suggestTimer);
    this.suggestSeq++;
    if (this.suggestCtl) this.suggestCtl.abort();
    this.suggestCtl = null;
  }

  async fetchSuggest(text) {
    this.cancelSuggest();
    const seq = this.suggestSeq;
    const ctl = this.suggestCtl = new AbortController();
    let data;
    try {
      data = await this.getJson('api/v1/suggest', new URLSearchParams({ q: text.trim() }), ctl);
    } catch (e) {
      if (seq === this.suggestSeq) this.closeSuggest();  // suggestions are a nicety: fail quietly
      return;
    }
    if (seq !== this.suggestSeq || this.input.value !== text || this.root.activeElement !== this.input) return;
    const items = arr(data.suggestions)
      .filter((s) => s && typeof s.text === 'string' && s.text.trim()).slice(0, MAX_SUGGESTIONS);
    this.showSuggest(items);
  }

  showSuggest(items) {
    this.options = items;
    this.active = -1;
    const list = this.$('.suggest');
    list.replaceChildren(...items.map((s, i) => h('li', { id: `opt-${i}`, role: 'option', class: 'opt', 'aria-selected': 'false', 'data-i': i },
      h('span', { class: 'opt-text', dir: 'auto', text: s.text }),
      KINDS[s.kind] ? h('span', { class: 'opt-kind', text: KINDS[s.kind] }) : null)));
    list.hidden = !items.length;
    this.input.setAttribute('aria-expanded', String(items.length > 0));
    this.input.removeAttribute('aria-activedescendant');
  }

  closeSuggest() {
    const list = this.$('.suggest');
    if (list.hidden && this.active < 0) return;
    list.hidden = true;
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  moveActive(delta) {
    const n = this.options.length;
    if (!n) return;
    this.active = this.active < 0 ? (delta > 0 ? 0 : n - 1) : (this.active + delta + n) % n;
    this.root.querySelectorAll('.opt').forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
    this.input.setAttribute('aria-activedescendant', `opt-${this.active}`);
    const li = this.$(`#opt-${this.active}`);
    if (li) li.scrollIntoView({ block: 'nearest' });
  }

  choose(i) {
    const s = this.options[i];
    if (!s) return;
    this.input.value = s.text;
    this.cancelSuggest();
    this.closeSuggest();
    this.update({ q: s.text.trim() });
  }

  onKey(e) {
    if (e.isComposing) return;
    const open = !this.$('.suggest').hidden;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (open) this.moveActive(1);
        else if (this.input.value.trim()) this.fetchSuggest(this.input.value);
        break;
      case 'ArrowUp':
        if (open) { e.preventDefault(); this.moveActive(-1); }
        break;
      case 'Enter':
        if (open && this.active >= 0) { e.preventDefault(); this.choose(this.active); }
        break;
      case 'Escape':
        if (open) { e.preventDefault(); this.cancelSuggest(); this.closeSuggest(); }
        else if (this.input.value) { e.preventDefault(); this.input.value = ''; }
        break;
      case 'Tab':
        this.cancelSuggest();
        this.closeSuggest();
        break;
      default:
    }
  }
}

customElements.define(TAG, KavoshSearch);
})();
