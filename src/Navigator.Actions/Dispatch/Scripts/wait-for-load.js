// Resolves with the URL once the document has loaded (at once when it already has).
new Promise((resolve) => (document.readyState === 'complete'
  ? resolve(location.href)
  : addEventListener('load', () => resolve(location.href), { once: true })))
