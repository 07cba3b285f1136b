// Focuses an editable field (`this`, or the one field inside a wrapper or label) and prepares it
// for Input.insertText: selects its content when clearing, else moves the caret to the end.
// Date-like inputs, whose value cannot be typed as text, get it set directly with input/change
// events. opts: { clear, text }. Returns { status: 'ok', mode: 'insert' | 'set', hadText, x, y }.
function prepareForTyping(opts) {
  let el = this;
  if (el.nodeType === 3) {
    el = el.parentElement;
  }
  if (!el || !el.isConnected) {
    return { status: 'stale' };
  }
  let kind = editKind(el);
  if (!kind) {
    // A wrapper or label around one field types into that field.
    const inner = el.control || el.querySelector('input:not([type=hidden]), textarea, [contenteditable=""], [contenteditable="true"]');
    if (inner && editKind(inner)) {
      el = inner;
      kind = editKind(inner);
    }
  }
  const me = describeElement(el);
  if (!kind) {
    return { status: 'not_editable', element: me, reason: 'it is not a text field' };
  }
  if (kind === 'select') {
    return { status: 'not_editable', element: me, reason: 'it is a select; use select_option' };
  }
  if (kind.startsWith('input:')) {
    return { status: 'not_editable', element: me, reason: `it is an input of type ${kind.slice(6)}; use ${kind === 'input:file' ? 'upload_file' : 'click'}` };
  }
  if (el.matches(':disabled')) {
    return { status: 'disabled', element: me };
  }
  if (el.readOnly) {
    return { status: 'not_editable', element: me, reason: 'it is read-only' };
  }
  if (!isVisible(el)) {
    return { status: 'hidden', element: me };
  }
  const view = el.ownerDocument.defaultView;
  const before = el.getBoundingClientRect();
  if (before.top < 0 || before.left < 0 || before.bottom > view.innerHeight || before.right > view.innerWidth) {
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  }
  const chain = frameChain(el);
  let ox = 0;
  let oy = 0;
  for (const f of chain) {
    ox += f.x;
    oy += f.y;
  }
  const r = el.getBoundingClientRect();
  const point = { x: r.left + r.width / 2 + ox, y: r.top + r.height / 2 + oy };
  if (kind === 'set') {
    return setValue(el, me, opts.text, point);
  }
  el.focus();
  // The element's own root knows its focus, also inside closed shadow roots.
  const active = el.getRootNode().activeElement;
  if (active !== el && !(active && composedContains(el, active))) {
    return { status: 'not_focusable', element: me, focused: describeElement(active) };
  }
  let hadText;
  if (kind === 'editable') {
    hadText = el.textContent.length > 0;
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    if (!opts.clear) {
      range.collapse(false);
    }
    const selection = view.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  } else {
    hadText = el.value.length > 0;
    if (opts.clear) {
      el.select();
    } else {
      try {
        const n = el.value.length;
        el.setSelectionRange(n, n);
      } catch {
        // Number inputs have no selection; the caret stays where it is.
      }
    }
  }
  return { status: 'ok', mode: 'insert', element: me, hadText, ...point };
}

// 'text' | 'set' (date-like) | 'editable' | 'select' | 'input:<type>' (not typeable) | null.
function editKind(e) {
  const textTypes = ['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number'];
  const setTypes = ['date', 'time', 'datetime-local', 'month', 'week', 'color', 'range'];
  if (e.localName === 'textarea') {
    return 'text';
  }
  if (e.localName === 'input') {
    const type = (e.getAttribute('type') || '').toLowerCase();
    if (textTypes.includes(type)) {
      return 'text';
    }
    if (setTypes.includes(type)) {
      return 'set';
    }
    return 'input:' + type;
  }
  if (e.isContentEditable) {
    return 'editable';
  }
  if (e.localName === 'select') {
    return 'select';
  }
  return null;
}

// Sets a date-like input's value as a user's choice would (input and change events).
function setValue(el, me, text, point) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  el.focus();
  const previous = el.value;
  setter.call(el, text);
  if (text !== '' && el.value === '') {
    setter.call(el, previous);
    return { status: 'bad_value', element: me, type: el.type };
  }
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return { status: 'ok', mode: 'set', element: me, ...point, value: el.value };
}
