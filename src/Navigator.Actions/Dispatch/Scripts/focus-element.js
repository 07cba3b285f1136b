// Focuses the element (`this`), for send_keys with an index.
function focusElement() {
  let el = this;
  if (el.nodeType === 3) {
    el = el.parentElement;
  }
  if (!el || !el.isConnected) {
    return { status: 'stale' };
  }
  el.focus();
  return { status: 'ok' };
}
