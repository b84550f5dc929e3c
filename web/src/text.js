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

