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

