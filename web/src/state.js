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

