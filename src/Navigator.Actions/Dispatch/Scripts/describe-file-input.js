// Describes the element (`this`) for upload: is it a file input, may it take several files.
function describeFileInput() {
  const el = this;
  if (!el || !el.isConnected) {
    return { status: 'stale' };
  }
  const isFile = el.localName === 'input' && (el.getAttribute('type') || '').toLowerCase() === 'file';
  return { status: 'ok', isFile, multiple: isFile && el.multiple, disabled: !!(el.matches && el.matches(':disabled')) };
}
