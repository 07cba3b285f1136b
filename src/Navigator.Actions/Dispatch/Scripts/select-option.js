// Chooses an option of a select (`this`, or the select a label or wrapper holds) by value or
// label, firing input and change like a user's choice. opts: { value, label }.
function selectOption(opts) {
  let el = this;
  if (!el || !el.isConnected) {
    return { status: 'stale' };
  }
  if (el.localName !== 'select') {
    el = el.control || (el.querySelector && el.querySelector('select')) || el;
  }
  const me = describeElement(el);
  if (el.localName !== 'select') {
    return { status: 'not_select', element: me };
  }
  if (el.matches(':disabled')) {
    return { status: 'disabled', element: me };
  }
  const options = [...el.options];
  const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
  let found;
  if (opts.value != null) {
    found = options.find((o) => o.value === opts.value);
  } else {
    const want = norm(opts.label);
    found = options.find((o) => norm(o.label) === want)
      || options.find((o) => norm(o.label).toLowerCase() === want.toLowerCase());
    if (!found) {
      const partial = options.filter((o) => norm(o.label).toLowerCase().includes(want.toLowerCase()));
      if (partial.length === 1) {
        found = partial[0];
      }
    }
  }
  if (!found) {
    return { status: 'no_option', element: me, options: options.slice(0, 30).map((o) => norm(o.label) + (o.value !== norm(o.label) ? ` (value "${o.value}")` : '')) };
  }
  if (found.disabled) {
    return { status: 'option_disabled', element: me, label: norm(found.label) };
  }
  const r = el.getBoundingClientRect();
  if (!el.multiple) {
    el.value = found.value;
  } else {
    found.selected = true;
  }
  found.selected = true;
  el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
  return { status: 'ok', element: me, label: norm(found.label), value: found.value, x: r.left + r.width / 2, y: r.top + r.height / 2 };
}
