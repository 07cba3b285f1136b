// Resolves true when the page shows opts.text or has a visible match of opts.selector, or false
// after opts.timeoutMs. Watches mutations instead of polling.
function waitForCondition(opts) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (opts.selector != null) {
        const e = document.querySelector(opts.selector);
        return !!(e && (!e.checkVisibility || e.checkVisibility({ visibilityProperty: true })));
      }
      return !!(document.body && document.body.innerText.includes(opts.text));
    };
    try {
      if (check()) {
        resolve(true);
        return;
      }
    } catch (e) {
      reject(e);
      return;
    }
    let done = false;
    const finish = (value) => {
      if (!done) {
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      }
    };
    const observer = new MutationObserver(() => {
      try {
        if (check()) {
          finish(true);
        }
      } catch {
        // A selector that stopped matching validly: keep waiting until the timeout.
      }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const timer = setTimeout(() => finish(false), opts.timeoutMs);
  });
}
