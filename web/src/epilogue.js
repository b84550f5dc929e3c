
customElements.define(TAG, KavoshSearch);
})();
