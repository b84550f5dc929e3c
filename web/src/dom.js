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

