// Resolves once the document has not changed (no DOM mutation, no running animation) for
// opts.quietMs, or after opts.maxMs: { quiet, waitedMs }.
function waitForQuiet(opts) {
  return new Promise((resolve) => {
    const start = performance.now();
    let last = start;
    const observer = new MutationObserver(() => {
      last = performance.now();
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    const tick = () => {
      const now = performance.now();
      if (document.getAnimations().some((a) => a.playState === 'running' && a.effect && a.effect.getComputedTiming().iterations !== Infinity)) {
        last = now;
      }
      if (now - last >= opts.quietMs || now - start >= opts.maxMs) {
        observer.disconnect();
        resolve({ quiet: now - last >= opts.quietMs, waitedMs: Math.round(now - start) });
      } else {
        setTimeout(tick, 20);
      }
    };
    setTimeout(tick, 20);
  });
}
