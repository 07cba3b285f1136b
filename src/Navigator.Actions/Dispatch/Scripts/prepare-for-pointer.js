// Makes the element (`this`) ready for a pointer action: connected, enabled, visible (or its
// label), scrolled into view, not animating, and hit by a point inside it.
// opts: { hitTest, checkEnabled, scroll, stableMs }. Returns { status: 'ok', x, y, element } in
// top-level viewport CSS pixels, or a failure status with details.
async function prepareForPointer(opts) {
  let el = this;
  if (el.nodeType === 3) {
    el = el.parentElement;
  }
  if (!el || !el.isConnected) {
    return { status: 'stale' };
  }
  const me = describeElement(el);
  if (opts.checkEnabled && ((el.matches && el.matches(':disabled')) || el.closest('[aria-disabled="true"]'))) {
    return { status: 'disabled', element: me };
  }
  let target = el;
  if (!isVisible(el) || tinyOrOffscreen(el)) {
    // A hidden or styled-away control (a custom checkbox) is clicked through its label.
    const label = el.labels ? [...el.labels].find(isVisible) : null;
    if (label) {
      target = label;
    } else if (!isVisible(el)) {
      return { status: 'hidden', element: me };
    }
  }
  const view = target.ownerDocument.defaultView;
  // In view: inside the viewport and inside every scrolling box around it (a list, a panel);
  // scrollIntoView then scrolls each of those boxes, innermost first, and the page.
  const inView = (r, clip) => r.top >= clip.t && r.left >= clip.l && r.bottom <= clip.b && r.right <= clip.r;
  if (opts.scroll !== false && !inView(target.getBoundingClientRect(), scrollerClip(target, view))) {
    target.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
  }
  await waitUntilStill(target, view, opts.stableMs);
  const chain = frameChain(target);
  let ox = 0;
  let oy = 0;
  for (const f of chain) {
    ox += f.x;
    oy += f.y;
  }
  const area = visibleArea(target, scrollerClip(target, view));
  if (!area) {
    return { status: 'outside_viewport', element: me };
  }
  // A label of the element is its own cover: clicking it acts on the element.
  const owns = (hit) => {
    if (!hit) {
      return false;
    }
    if (composedContains(target, hit) || composedContains(el, hit)) {
      return true;
    }
    const label = hit.closest && hit.closest('label');
    return !!(label && (label.control === el || composedContains(label, el)));
  };
  // Every frame on the way up must receive the point too.
  const framesHit = (x, y) => {
    let fx = x;
    let fy = y;
    for (const f of chain) {
      fx += f.x;
      fy += f.y;
      const hit = hitAt(f.frame.ownerDocument, fx, fy);
      if (hit !== f.frame) {
        return hit;
      }
    }
    return null;
  };
  const roots = shadowRootsOf(target);
  const cx = (area.l + area.r) / 2;
  const cy = (area.t + area.b) / 2;
  const candidates = [[cx, cy]];
  for (const fx of [0.25, 0.5, 0.75]) {
    for (const fy of [0.25, 0.5, 0.75]) {
      if (fx !== 0.5 || fy !== 0.5) {
        candidates.push([area.l + (area.r - area.l) * fx, area.t + (area.b - area.t) * fy]);
      }
    }
  }
  let blocker = null;
  for (const [x, y] of candidates) {
    if (!opts.hitTest) {
      return { status: 'ok', x: x + ox, y: y + oy, element: me };
    }
    const hit = hitAt(target.ownerDocument, x, y, roots);
    const outer = framesHit(x, y);
    if (owns(hit) && !outer) {
      return { status: 'ok', x: x + ox, y: y + oy, element: me };
    }
    if (!blocker) {
      blocker = outer || hit;
    }
  }
  return { status: 'obscured', element: me, blocker: describeElement(blocker), x: cx + ox, y: cy + oy };
}

// A box of a pixel or less, or entirely outside the document's scrollable area (left: -9999px).
function tinyOrOffscreen(e) {
  const r = e.getBoundingClientRect();
  const view = e.ownerDocument.defaultView;
  return r.width <= 1 || r.height <= 1 || r.right + view.scrollX <= 0 || r.bottom + view.scrollY <= 0;
}

// While an animation moves the target, waits until two consecutive frames put it at the same place.
async function waitUntilStill(target, view, stableMs) {
  const animating = target.ownerDocument.getAnimations().some((a) => a.playState === 'running' && a.effect && a.effect.target
    && (a.effect.target === target || composedContains(a.effect.target, target)));
  if (!animating) {
    return;
  }
  const deadline = performance.now() + stableMs;
  let last = target.getBoundingClientRect();
  while (performance.now() < deadline) {
    await new Promise((r) => view.requestAnimationFrame(r));
    const now = target.getBoundingClientRect();
    if (now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) {
      break;
    }
    last = now;
  }
}

// The part of the viewport that the element's scrolling ancestors let it show through (their
// padding boxes), as { l, t, r, b }. A fixed-position box escapes them.
function scrollerClip(target, view) {
  const doc = target.ownerDocument;
  // With a visible root overflow, the body's overflow applies to the viewport, not to the body's box.
  const bodyScrolls = view.getComputedStyle(doc.documentElement).overflow !== 'visible';
  const clip = { l: 0, t: 0, r: view.innerWidth, b: view.innerHeight };
  for (let n = target; n; ) {
    const style = view.getComputedStyle(n);
    if (n !== target && n !== doc.documentElement && (n !== doc.body || bodyScrolls)
      && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) {
      const box = n.getBoundingClientRect();
      const left = box.left + n.clientLeft;
      const top = box.top + n.clientTop;
      clip.l = Math.max(clip.l, left);
      clip.t = Math.max(clip.t, top);
      clip.r = Math.min(clip.r, left + n.clientWidth);
      clip.b = Math.min(clip.b, top + n.clientHeight);
    }
    if (style.position === 'fixed') {
      break;
    }
    // Up the composed tree: a slotted element lies in its slot's box, a shadow root in its host's.
    n = n.assignedSlot || n.parentElement || (n.parentNode && n.parentNode.host) || null;
  }
  return clip;
}

// The first client rect's part inside `clip` (at least 1px square), as { l, t, r, b }.
function visibleArea(target, clip) {
  const rects = [...target.getClientRects()].filter((q) => q.width > 0 && q.height > 0);
  for (const q of rects) {
    const l = Math.max(q.left, clip.l);
    const t = Math.max(q.top, clip.t);
    const r = Math.min(q.right, clip.r);
    const b = Math.min(q.bottom, clip.b);
    if (r - l >= 1 && b - t >= 1) {
      return { l, t, r, b };
    }
  }
  return null;
}
