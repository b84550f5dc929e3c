// ---- Suggestions (WAI-ARIA combobox with a listbox popup) ----------------------------
// The element's base class; the element supplies root, $(), input, getJson(), update().

class Suggestions extends HTMLElement {
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
