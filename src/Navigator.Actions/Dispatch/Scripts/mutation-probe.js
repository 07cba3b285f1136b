// Installed in an isolated world of every main-frame document: counts DOM mutations so the
// dispatcher can tell whether an action changed the page without a round trip before it, and
// gives the animation timeline's time (animations started after it are the action's).
(() => {
  if (globalThis.__navProbe) {
    return;
  }
  let count = 0;
  const observer = new MutationObserver((records) => {
    count += records.length;
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  globalThis.__navProbe = () => {
    count += observer.takeRecords().length;
    return [count, location.href, document.title, document.timeline ? document.timeline.currentTime : null];
  };
})()
