// Whether the element (`this`) or an ancestor is HTML5-draggable.
function isDraggable() {
  const el = this && this.nodeType === 3 ? this.parentElement : this;
  return !!(el && el.closest && el.closest('[draggable="true"]'));
}
