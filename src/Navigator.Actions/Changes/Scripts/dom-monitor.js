// Navigator DOM monitor. Runs in its own isolated world in every frame; reports batches of
// mutations (with interactive elements added/removed) through a CDP binding, at most every
// THROTTLE ms, so a busy page costs one message per interval instead of one per mutation.
(() => {
  if (globalThis.__navigatorDomMonitor) {
    return;
  }
  Object.defineProperty(globalThis, '__navigatorDomMonitor', { value: true });
  const THROTTLE = __THROTTLE__;
  const INTERACTIVE = 'a[href],button,input:not([type=hidden]),select,textarea,summary,[contenteditable=""],[contenteditable=true],' +
    '[onclick],[role=button],[role=link],[role=checkbox],[role=radio],[role=tab],[role=menuitem],[role=option],' +
    '[role=switch],[role=combobox],[role=textbox],[role=searchbox],[role=slider],[tabindex]:not([tabindex="-1"])';
  let added = 0;
  let removed = 0;
  let mutations = 0;
  let timer = 0;

  function countInteractive(node) {
    if (node.nodeType !== 1) {
      return 0;
    }
    let count = node.matches(INTERACTIVE) ? 1 : 0;
    if (node.firstElementChild) {
      count += node.querySelectorAll(INTERACTIVE).length;
    }
    return count;
  }

  function flush() {
    timer = 0;
    if (mutations === 0) {
      return;
    }
    const payload = JSON.stringify({ a: added, r: removed, m: mutations, u: location.href, top: window === window.top });
    added = 0;
    removed = 0;
    mutations = 0;
    // Looked up late: in a new document the binding may be installed just after this script ran.
    const binding = globalThis.__BINDING__;
    if (typeof binding === 'function') {
      binding(payload);
    }
  }

  function start() {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        mutations++;
        if (record.type === 'childList') {
          for (const node of record.addedNodes) {
            added += countInteractive(node);
          }
          for (const node of record.removedNodes) {
            removed += countInteractive(node);
          }
        }
      }
      if (!timer) {
        timer = setTimeout(flush, THROTTLE);
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  }

  start();
})();
