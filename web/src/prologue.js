// Kavosh search box: one script tag and one element, no dependencies.
//
//   <script src="https://search.example.ir/kavosh-search.js" defer></script>
//   <kavosh-search endpoint="https://search.example.ir"></kavosh-search>
//
// It talks to kavosh-searchd's HTTP API (/api/v1/search and /api/v1/suggest). Attributes,
// CSS custom properties, events and the URL state are documented in docs/widget.md.
// Joined from web/src/*.js by the build (web/CMakeLists.txt); all inside one function.
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

