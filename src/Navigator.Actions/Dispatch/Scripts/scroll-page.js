// Scrolls. With a direction: the nearest container (from the element `this`, or from the element
// at the viewport centre) that can move that way, else the document. Without one: brings the
// element into view. opts: { direction, amount }.
function scrollPage(opts) {
  const el = this && this.nodeType ? (this.nodeType === 3 ? this.parentElement : this) : null;
  const doc = el ? el.ownerDocument : document;
  const view = doc.defaultView;
  const root = doc.scrollingElement || doc.documentElement;
  const position = () => ({ x: view.scrollX, y: view.scrollY });
  if (!opts.direction) {
    if (!el || !el.isConnected) {
      return { status: 'stale' };
    }
    el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    const r = el.getBoundingClientRect();
    return { status: 'ok', moved: true, element: describeElement(el), ...position(), x0: r.left + r.width / 2, y0: r.top + r.height / 2 };
  }
  const vertical = opts.direction === 'up' || opts.direction === 'down';
  const sign = opts.direction === 'up' || opts.direction === 'left' ? -1 : 1;
  const canMove = (s) => {
    if (s === root) {
      return vertical
        ? (sign > 0 ? s.scrollTop + view.innerHeight < s.scrollHeight - 1 : s.scrollTop > 0)
        : (sign > 0 ? s.scrollLeft + view.innerWidth < s.scrollWidth - 1 : s.scrollLeft > 0);
    }
    const style = view.getComputedStyle(s);
    const overflow = vertical ? style.overflowY : style.overflowX;
    if (!['auto', 'scroll', 'overlay'].includes(overflow)) {
      return false;
    }
    return vertical
      ? (sign > 0 ? s.scrollTop + s.clientHeight < s.scrollHeight - 1 : s.scrollTop > 0)
      : (sign > 0 ? s.scrollLeft + s.clientWidth < s.scrollWidth - 1 : s.scrollLeft > 0);
  };
  const start = el || hitAt(doc, view.innerWidth / 2, view.innerHeight / 2);
  let scroller = null;
  for (let n = start; n; n = n.parentNode || n.host) {
    if (n.nodeType !== 1) {
      continue;
    }
    if (n === doc.body || n === doc.documentElement) {
      break;
    }
    if (canMove(n)) {
      scroller = n;
      break;
    }
  }
  if (!scroller) {
    scroller = root;
  }
  const size = scroller === root ? (vertical ? view.innerHeight : view.innerWidth) : (vertical ? scroller.clientHeight : scroller.clientWidth);
  const amount = opts.amount || Math.round(size * 0.8);
  const before = { top: scroller.scrollTop, left: scroller.scrollLeft };
  scroller.scrollBy({ top: vertical ? sign * amount : 0, left: vertical ? 0 : sign * amount, behavior: 'instant' });
  const moved = vertical ? scroller.scrollTop - before.top : scroller.scrollLeft - before.left;
  const atEnd = !canMove(scroller);
  return { status: 'ok', moved: moved !== 0, delta: moved, atEnd, container: scroller === root ? 'page' : describeElement(scroller), ...position() };
}
