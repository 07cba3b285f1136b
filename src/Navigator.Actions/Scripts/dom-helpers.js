// DOM helpers shared by Navigator's page scripts: the page-state agent (page-state.js) and the
// element functions the dispatcher runs (Dispatch/Scripts/*.js). EmbeddedScripts puts this file
// in the same closure as each of them, so every name here is visible to those scripts.

// Short description of an element for messages: div#overlay.modal
function describeElement(e) {
  if (!e || e.nodeType !== 1) {
    return e && e.nodeName ? e.nodeName.toLowerCase() : 'nothing';
  }
  let s = e.localName;
  if (e.id) {
    s += '#' + e.id;
  }
  const classes = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean).slice(0, 3) : [];
  for (const c of classes) {
    s += '.' + c;
  }
  return s;
}

// Whether `node` is `ancestor` or inside it in the composed tree (through shadow hosts), and
// with `crossFrames` also through the frame elements of same-origin child documents.
function composedContains(ancestor, node, crossFrames = false) {
  for (let n = node; n; ) {
    if (n === ancestor) {
      return true;
    }
    if (n.parentNode) {
      n = n.parentNode;
    } else if (n.host) {
      n = n.host;
    } else if (crossFrames && n.nodeType === 9 && n.defaultView) {
      try {
        n = n.defaultView.frameElement;
      } catch {
        return false; // a cross-origin parent
      }
    } else {
      return false;
    }
  }
  return false;
}

// The element at a viewport point of `doc`, descending through open shadow roots and through the
// closed ones listed in `roots` (those the target element lives in).
function hitAt(doc, x, y, roots) {
  let hit = doc.elementFromPoint(x, y);
  for (;;) {
    const root = hit && (hit.shadowRoot || (roots || []).find((r) => r.host === hit));
    if (!root) {
      break;
    }
    const inner = root.elementFromPoint(x, y);
    if (!inner || inner === hit) {
      break;
    }
    hit = inner;
  }
  return hit;
}

// The shadow roots an element lives in, innermost first.
function shadowRootsOf(e) {
  const roots = [];
  for (let n = e.getRootNode(); n && n.host; n = n.host.getRootNode()) {
    roots.push(n);
  }
  return roots;
}

// Connected, not hidden by visibility/content-visibility, and with a box.
function isVisible(e) {
  if (!e.isConnected) {
    return false;
  }
  if (e.checkVisibility && !e.checkVisibility({ visibilityProperty: true })) {
    return false;
  }
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
}

// The frame elements from the element's frame up to its process's top (the tab's top, or an
// out-of-process frame whose parent is cross-site: the host adds that frame's offset), each with
// the offset of its content box in its parent's viewport.
function frameChain(e) {
  const chain = [];
  let win = e.ownerDocument.defaultView;
  while (win && win !== win.top) {
    let frame = null;
    try {
      frame = win.frameElement;
    } catch {
      frame = null;
    }
    if (!frame) {
      break;
    }
    const r = frame.getBoundingClientRect();
    const style = frame.ownerDocument.defaultView.getComputedStyle(frame);
    chain.push({ frame, x: r.left + frame.clientLeft + parseFloat(style.paddingLeft), y: r.top + frame.clientTop + parseFloat(style.paddingTop) });
    win = frame.ownerDocument.defaultView;
  }
  return chain;
}
