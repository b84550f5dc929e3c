// ---- The element -------------------------------------------------------------------

class KavoshSearch extends Suggestions {
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
}
