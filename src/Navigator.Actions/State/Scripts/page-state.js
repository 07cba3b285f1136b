// Navigator page-state agent. Runs in an isolated world of the top frame (page scripts cannot
// see or alter it) and walks the composed tree (open shadow roots, same-origin iframes) once per
// capture: visible text in reading order, interleaved with indexed interactive elements.
// Installed once per document; state lives in WeakMaps so removed nodes are collected.
(() => {
  if (globalThis.__navigatorState) {
    return;
  }

  const SLOT = '\u0001';
  const MAX_NAME = 80;
  const MAX_VALUE = 120;
  const MAX_OPTIONS = 8;

  // Roles an agent acts on directly; their own text becomes the name.
  const LEAF_ROLES = new Set(['button', 'link', 'checkbox', 'radio', 'switch', 'tab', 'menuitem',
    'menuitemcheckbox', 'menuitemradio', 'option', 'combobox', 'textbox', 'searchbox', 'slider',
    'spinbutton', 'treeitem', 'listbox', 'scrollbar']);
  // Roles that are interactive only when the element is focusable or clickable.
  const CONTAINER_ROLES = new Set(['gridcell', 'row', 'columnheader', 'rowheader', 'cell', 'listitem',
    'tabpanel', 'dialog', 'menu', 'menubar', 'tablist', 'tree', 'grid', 'toolbar', 'article']);
  const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'meta', 'link', 'title']);
  const TEXT_INPUT_TYPES = new Set(['text', 'email', 'tel', 'url', 'password', 'search', 'number',
    'date', 'time', 'datetime-local', 'month', 'week', '']);
  const ICON_CLASS = /(?:^|[-_ ])(?:fa|fas|far|fab|icon|icons|glyphicon|bi|mdi|material-icons|ico|svg|btn|button)(?:[-_]|$)/i;

  // Per-document bookkeeping (mutation counter, observer), per element: stable index and backend id.
  const docs = new WeakMap();
  const indexOf = new WeakMap();
  // Elements whose backend node id the host already has (it caches them per document by index).
  const known = new WeakSet();
  // Elements with click-like listeners added by page scripts (found by the host through CDP).
  const listened = new WeakSet();
  let nextIndex = 1;
  let topDocument = null;
  let pending = [];
  const documentId = Math.random().toString(36).slice(2) + Date.now().toString(36);

  function docState(doc) {
    let state = docs.get(doc);
    if (!state) {
      state = { mutations: 0 };
      try {
        const observer = new MutationObserver((records) => { state.mutations += records.length; });
        observer.observe(doc, { subtree: true, childList: true, attributes: true, characterData: true });
        const bump = () => { state.mutations++; };
        doc.addEventListener('input', bump, true);
        doc.addEventListener('change', bump, true);
        state.observer = observer;
      } catch {
        // A document we cannot observe still gets captured.
      }
      docs.set(doc, state);
    }
    return state;
  }

  function clean(text) {
    return text ? text.replace(/\s+/g, ' ').trim() : '';
  }

  function cut(text, max) {
    return text.length > max ? text.slice(0, max - 1) + '\u2026' : text;
  }

  function quote(text) {
    return '"' + text.replace(/"/g, '\'') + '"';
  }

  function childDocument(frame) {
    try {
      const doc = frame.contentDocument;
      return doc && doc.documentElement ? doc : null;
    } catch {
      return null;
    }
  }

  // Offset of a frame's viewport inside its parent's viewport.
  function frameOffset(frame, style) {
    const rect = frame.getBoundingClientRect();
    return {
      x: rect.left + frame.clientLeft + (parseFloat(style.paddingLeft) || 0),
      y: rect.top + frame.clientTop + (parseFloat(style.paddingTop) || 0),
    };
  }

  // The element at a top-level viewport point, looking through open shadow roots and same-origin frames.
  function deepHit(x, y) {
    let doc = topDocument;
    let el = doc.elementFromPoint(x, y);
    for (let guard = 0; el && guard < 32; guard++) {
      if (el.shadowRoot) {
        const inner = el.shadowRoot.elementFromPoint(x, y);
        if (inner && inner !== el && el.shadowRoot.contains(inner)) {
          el = inner;
          continue;
        }
      }
      if (el.localName === 'iframe' || el.localName === 'frame') {
        const child = childDocument(el);
        if (child) {
          const offset = frameOffset(el, getComputedStyle(el));
          x -= offset.x;
          y -= offset.y;
          doc = child;
          el = child.elementFromPoint(x, y);
          continue;
        }
      }
      break;
    }
    return el;
  }

  function composedContains(ancestor, node) {
    for (let n = node; n; ) {
      if (n === ancestor) {
        return true;
      }
      if (n.parentNode) {
        n = n.parentNode;
      } else if (n.host) {
        n = n.host;
      } else if (n.nodeType === 9 && n.defaultView) {
        try {
          n = n.defaultView.frameElement;
        } catch {
          return false;
        }
      } else {
        return false;
      }
    }
    return false;
  }

  function implicitRole(el, tag) {
    switch (tag) {
      case 'a':
      case 'area':
        return el.hasAttribute('href') ? 'link' : null;
      case 'button':
        return 'button';
      case 'summary':
        return 'button';
      case 'select':
        return el.multiple || el.size > 1 ? 'listbox' : 'combobox';
      case 'textarea':
        return 'textbox';
      case 'input': {
        const type = (el.getAttribute('type') || 'text').toLowerCase();
        switch (type) {
          case 'hidden':
            return null;
          case 'button':
          case 'submit':
          case 'reset':
          case 'image':
          case 'color':
          case 'file':
            return 'button';
          case 'checkbox':
            return el.getAttribute('role') === 'switch' ? 'switch' : 'checkbox';
          case 'radio':
            return 'radio';
          case 'range':
            return 'slider';
          case 'number':
            return 'spinbutton';
          case 'search':
            return 'searchbox';
          default:
            return el.list ? 'combobox' : 'textbox';
        }
      }
      case 'option':
        return 'option';
      default:
        return null;
    }
  }

  // Decides whether an element gets an index: its role, and whether its subtree text is its name.
  function classify(el, tag, style, parentPointer, ownPointer) {
    const explicit = (el.getAttribute('role') || '').trim().split(/\s+/)[0].toLowerCase();
    const implicit = implicitRole(el, tag);
    if (tag === 'option' && !explicit) {
      return null; // Options of a native select are listed on the select.
    }
    const role = explicit && explicit !== 'presentation' && explicit !== 'none' ? explicit : implicit;
    if (role && LEAF_ROLES.has(role)) {
      return { role, leaf: true };
    }
    if (el.isContentEditable && (!el.parentElement || !el.parentElement.isContentEditable)) {
      return { role: 'textbox', leaf: true };
    }
    const tabIndex = el.getAttribute('tabindex');
    const focusable = tabIndex !== null && Number(tabIndex) >= 0;
    const handler = listened.has(el) || el.hasAttribute('onclick') || el.hasAttribute('onmousedown') || el.hasAttribute('ng-click') || el.hasAttribute('@click') || el.hasAttribute('v-on:click');
    const pointer = ownPointer && !parentPointer;
    if (role && CONTAINER_ROLES.has(role)) {
      return focusable || handler || pointer ? { role, leaf: false, generic: !focusable && !handler } : null;
    }
    if (handler || focusable) {
      return { role: role || 'clickable', leaf: false, generic: false };
    }
    if (pointer && tag !== 'label' && tag !== 'html' && tag !== 'body') {
      return { role: role || 'clickable', leaf: false, generic: true };
    }
    return null;
  }

  function textOfIds(el, ids) {
    const doc = el.getRootNode();
    return clean(ids.split(/\s+/).map((id) => {
      const target = doc.getElementById ? doc.getElementById(id) : null;
      return target ? target.textContent : '';
    }).join(' '));
  }

  // el.labels scans the whole tree scope on first use per element; one map per root per capture is far cheaper.
  let labelsByRoot = new Map();

  function labelsOf(el) {
    const result = [];
    const wrapping = el.parentElement ? el.parentElement.closest('label') : null;
    if (wrapping && !wrapping.hasAttribute('for')) {
      result.push(wrapping);
    }
    if (el.id) {
      const root = el.getRootNode();
      let byId = labelsByRoot.get(root);
      if (!byId) {
        byId = new Map();
        if (root.querySelectorAll) {
          for (const label of root.querySelectorAll('label[for]')) {
            const id = label.getAttribute('for');
            const list = byId.get(id);
            if (list) {
              list.push(label);
            } else {
              byId.set(id, [label]);
            }
          }
        }
        labelsByRoot.set(root, byId);
      }
      const forLabels = byId.get(el.id);
      if (forLabels) {
        for (const label of forLabels) {
          if (label !== wrapping) {
            result.push(label);
          }
        }
      }
    }
    return result;
  }

  function fieldName(el) {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      const text = textOfIds(el, labelledBy);
      if (text) {
        return text;
      }
    }
    const aria = clean(el.getAttribute('aria-label'));
    if (aria) {
      return aria;
    }
    const labels = labelsOf(el);
    if (labels.length) {
      const text = clean(labels.map((label) => labelText(label, el)).join(' '));
      if (text) {
        return text;
      }
    }
    return clean(el.getAttribute('placeholder') || el.getAttribute('aria-placeholder') || el.getAttribute('title') || '');
  }

  // A label's text without the text of the control it contains.
  function labelText(label, control) {
    let text = '';
    for (const node of label.childNodes) {
      if (node === control || (node.nodeType === 1 && node.contains(control) && node !== label)) {
        if (node !== control) {
          for (const inner of node.childNodes) {
            if (inner !== control && !(inner.nodeType === 1 && inner.contains(control))) {
              text += ' ' + inner.textContent;
            }
          }
        }
        continue;
      }
      if (node.nodeType === 1 && (node.localName === 'select' || node.localName === 'textarea' || node.localName === 'input')) {
        continue;
      }
      text += ' ' + node.textContent;
    }
    return text;
  }

  function hintFor(el) {
    const title = clean(el.getAttribute('title') || el.getAttribute('data-tooltip') || el.getAttribute('data-title'));
    if (title) {
      return title;
    }
    for (const node of el.querySelectorAll('[title],[aria-label],title,use,img[alt]')) {
      const text = node.localName === 'title' ? clean(node.textContent)
        : node.localName === 'use' ? clean((node.getAttribute('href') || node.getAttribute('xlink:href') || '').replace(/^.*#/, '').replace(/[-_]+/g, ' '))
        : clean(node.getAttribute('aria-label') || node.getAttribute('title') || node.getAttribute('alt'));
      if (text) {
        return text;
      }
    }
    const icon = el.getAttribute('data-icon') || el.getAttribute('data-testid') || el.getAttribute('name') || el.id;
    if (icon) {
      return clean(icon.replace(/[-_]+/g, ' '));
    }
    const classes = [el, ...el.querySelectorAll('[class]')].flatMap((node) => Array.from(node.classList || []));
    const words = classes.filter((c) => ICON_CLASS.test(c)).map((c) => c.replace(ICON_CLASS, ' ').replace(/[-_]+/g, ' ').trim()).filter(Boolean);
    if (words.length) {
      return cut(words.join(' '), 40);
    }
    const iconText = clean(el.textContent);
    if (iconText) {
      return iconText; // e.g. a ligature icon font
    }
    const near = el.previousElementSibling || el.nextElementSibling;
    const nearText = near ? clean(near.textContent) : '';
    if (nearText) {
      return 'near ' + quote(cut(nearText, 30));
    }
    const cls = typeof el.className === 'string' ? clean(el.className) : '';
    return cls ? 'class ' + cut(cls, 40) : '';
  }

  function hrefOf(el) {
    const raw = el.getAttribute('href');
    if (!raw || /^\s*javascript:/i.test(raw)) {
      return null;
    }
    try {
      const url = new URL(raw, el.baseURI);
      if (url.origin === location.origin) {
        return cut(url.pathname + url.search + url.hash, 120);
      }
      return cut(url.href, 120);
    } catch {
      return cut(raw, 120);
    }
  }

  // A point inside the element that hits it, or null when something else covers it.
  function clickPoint(el, rects, offset, vw, vh) {
    const fractions = [[0.5, 0.5], [0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75], [0.1, 0.5], [0.9, 0.5]];
    const count = Math.min(rects.length, 3);
    for (let r = 0; r < count; r++) {
      const rect = rects[r];
      const left = Math.max(rect.left + offset.x, 0);
      const top = Math.max(rect.top + offset.y, 0);
      const right = Math.min(rect.right + offset.x, vw);
      const bottom = Math.min(rect.bottom + offset.y, vh);
      if (right - left < 1 || bottom - top < 1) {
        continue;
      }
      for (let f = 0; f < (r === 0 ? fractions.length : 1); f++) {
        const x = left + (right - left) * fractions[f][0];
        const y = top + (bottom - top) * fractions[f][1];
        const hit = deepHit(x, y);
        if (hit && (hit === el || composedContains(el, hit))) {
          return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
        }
      }
    }
    return null;
  }

  const BLOCKS = new Set(['block', 'flex', 'grid', 'list-item', 'table', 'table-row', 'table-caption', 'flow-root',
    'table-row-group', 'table-header-group', 'table-footer-group', 'inline-block', 'inline-flex', 'inline-grid']);
  const INLINE_BLOCKS = new Set(['inline-block', 'inline-flex', 'inline-grid']);
  const INTERACTIVE_SELECTOR = 'a[href],button,input:not([type=hidden]),select,textarea,summary,[role=button],[role=link],' +
    '[role=checkbox],[role=radio],[role=tab],[role=menuitem],[role=option],[role=switch],[role=combobox],[role=textbox],' +
    '[contenteditable=""],[contenteditable=true],[onclick],[tabindex]:not([tabindex="-1"])';

  function deepActiveElement() {
    let active = document.activeElement;
    for (let guard = 0; active && guard < 16; guard++) {
      if (active.shadowRoot && active.shadowRoot.activeElement) {
        active = active.shadowRoot.activeElement;
      } else if (active.localName === 'iframe' && childDocument(active)) {
        active = childDocument(active).activeElement;
      } else {
        break;
      }
    }
    return active;
  }

  function unionRect(rects) {
    if (rects.length === 1) {
      return rects[0];
    }
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const r of rects) {
      if (r.width === 0 && r.height === 0) {
        continue;
      }
      left = Math.min(left, r.left);
      top = Math.min(top, r.top);
      right = Math.max(right, r.right);
      bottom = Math.max(bottom, r.bottom);
    }
    return left === Infinity ? rects[0] : { left, top, right, bottom, width: right - left, height: bottom - top };
  }

  function capture(options) {
    const started = performance.now();
    const viewportOnly = !!options.viewportOnly;
    const listOffscreen = !!options.listOffscreen;
    const maxText = options.maxText > 0 ? options.maxText : 1e9;
    topDocument = document;
    // In quirks mode the root's client size is the whole document, not the viewport.
    const standards = document.compatMode === 'CSS1Compat';
    const vw = standards ? document.documentElement.clientWidth : innerWidth;
    const vh = standards ? document.documentElement.clientHeight : innerHeight;
    const origin = location.origin;
    const focusedElement = deepActiveElement();
    labelsByRoot = new Map();
    const lines = [];
    const elements = [];
    const deferred = [];
    const zones = { above: [0, 0], below: [0, 0], left: [0, 0], right: [0, 0] };
    let line = '';
    let lineZone = '';
    let lastZone = '';
    let textLength = 0;
    let truncated = false;
    let mutations = docState(document).mutations;

    function zoneOf(left, top, right, bottom) {
      if (bottom <= 0) {
        return 'above';
      }
      if (top >= vh) {
        return 'below';
      }
      if (right <= 0) {
        return 'left';
      }
      if (left >= vw) {
        return 'right';
      }
      return '';
    }

    // Text output: inline pieces join with spaces, blocks start new lines.
    function emit(piece, zone) {
      if (zone) {
        zones[zone][1] += piece.length;
        if (viewportOnly) {
          return;
        }
      }
      if (textLength >= maxText) {
        truncated = true;
        return;
      }
      if (line === '') {
        line = piece;
        lineZone = zone;
      } else {
        const last = line.charCodeAt(line.length - 1);
        const first = piece.charCodeAt(0);
        // No space before closing punctuation or after an opening bracket / a line prefix.
        const tight = last === 32 || last === 40 || first === 44 || first === 46 || first === 59 || first === 58 || first === 33 || first === 63 || first === 41;
        line += tight ? piece : ' ' + piece;
      }
      textLength += piece.length + 1;
    }

    function breakLine(prefix, zone) {
      if (line !== '' && line !== linePrefix) {
        if (!viewportOnly && lineZone !== lastZone) {
          lines.push(lineZone ? '--- ' + lineZone + ' the viewport ---' : '--- in the viewport ---');
          lastZone = lineZone;
        }
        lines.push(line);
      }
      line = prefix;
      linePrefix = prefix;
      lineZone = zone;
    }
    let linePrefix = '';

    function summarise(el, zone) {
      zones[zone][0] += (el.matches(INTERACTIVE_SELECTOR) ? 1 : 0) + el.querySelectorAll(INTERACTIVE_SELECTOR).length;
      zones[zone][1] += clean(el.textContent).length;
    }

    function visitChildren(parent, ctx) {
      for (let node = parent.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3) {
          visitText(node, ctx);
        } else if (node.nodeType === 1) {
          visitElement(node, ctx);
        }
      }
    }

    function visitText(node, ctx) {
      if (ctx.hidden) {
        return;
      }
      if (ctx.swallow) {
        ctx.swallow.push(node.data);
        return;
      }
      if (ctx.label) {
        return;
      }
      const text = clean(node.data);
      if (text) {
        emit(text.length > 2000 ? cut(text, 2000) : text, ctx.zone);
      }
    }

    // Children in the composed tree: shadow root instead of light children, slots by assignment.
    function visitContent(el, tag, ctx) {
      if (el.shadowRoot) {
        visitChildren(el.shadowRoot, ctx);
      } else if (tag === 'slot') {
        const assigned = el.assignedNodes();
        if (assigned.length === 0) {
          visitChildren(el, ctx);
        } else {
          for (const node of assigned) {
            if (node.nodeType === 3) {
              visitText(node, ctx);
            } else if (node.nodeType === 1) {
              visitElement(node, ctx);
            }
          }
        }
      } else {
        visitChildren(el, ctx);
      }
    }

    function visitElement(el, ctx) {
      const tag = el.localName;
      if (SKIP_TAGS.has(tag)) {
        return;
      }
      const style = getComputedStyle(el);
      const display = style.display;
      if (display === 'none') {
        return;
      }
      if (display === 'contents') {
        visitContent(el, tag, ctx);
        return;
      }
      const invisible = ctx.hidden || style.visibility !== 'visible' || style.opacity === '0';
      const pointer = style.cursor === 'pointer';
      // Inline boxes cannot clip; positioned and floated boxes are blockified, so checking blocks
      // catches collapsed panels and screen-reader-only text (a 1px clipped box).
      const block = BLOCKS.has(display);
      let zone = ctx.zone;
      if (block) {
        const rect = el.getBoundingClientRect();
        if ((rect.width <= 1 || rect.height <= 1) && style.overflowX !== 'visible') {
          if (!ctx.swallow || rect.width === 0 || rect.height === 0) {
            return;
          }
        }
        if (rect.width > 0 && rect.height > 0 && !ctx.swallow) {
          zone = zoneOf(rect.left + ctx.ox, rect.top + ctx.oy, rect.right + ctx.ox, rect.bottom + ctx.oy);
          if (zone && viewportOnly && !invisible) {
            const position = style.position;
            if (position === 'static' || position === 'relative') {
              // The whole subtree is off-screen (absolute/fixed children could escape, so those are walked).
              summarise(el, zone);
              return;
            }
          }
        }
      }

      let entry = null;
      let covered = false;
      if (!invisible) {
        const kind = classify(el, tag, style, ctx.pointer, pointer);
        if (kind && !(ctx.swallow && kind.generic)) {
          const rects = el.getClientRects();
          if (rects.length) {
            const box = unionRect(rects);
            if (box.width > 0 && box.height > 0) {
              entry = describe(el, tag, kind, rects, box, ctx);
              covered = entry === null && kind.leaf;
            }
          }
        }
      }

      const inlineBlock = INLINE_BLOCKS.has(display);
      if (block && !inlineBlock && !ctx.swallow) {
        let prefix = '';
        if (tag.length === 2 && tag[0] === 'h' && tag[1] >= '1' && tag[1] <= '6') {
          prefix = '#'.repeat(Number(tag[1])) + ' ';
        } else if (display === 'list-item' || tag === 'li') {
          prefix = '- ';
        }
        breakLine(prefix, zone);
        const role = tag === 'dialog' ? 'dialog' : el.getAttribute('role');
        if ((role === 'dialog' || role === 'alertdialog') && !invisible) {
          emit('[dialog]', zone);
        }
      } else if (tag === 'br' && !ctx.swallow) {
        breakLine('', zone);
        return;
      } else if (display === 'table-cell' && !ctx.swallow && line !== '' && line !== linePrefix) {
        line += ' |';
      }

      const childCtx = {
        ox: ctx.ox,
        oy: ctx.oy,
        zone: entry && !ctx.swallow ? entry.zone || zone : zone,
        pointer,
        hidden: invisible || covered,
        swallow: ctx.swallow,
        // A label's text is its control's name; printing it again would only add noise.
        label: ctx.label || (tag === 'label' && labelsVisibleControl(el)),
      };
      if (childCtx.zone === 'clipped') {
        childCtx.zone = '';
      }
      if (entry && entry.leaf) {
        childCtx.swallow = [];
      } else if (entry && !ctx.swallow) {
        emitElement(entry);
      }

      if (tag === 'iframe' || tag === 'frame') {
        visitFrame(el, style, ctx, childCtx, zone);
      } else if (tag === 'select' || tag === 'textarea') {
        // Represented by the element's value.
      } else if (tag === 'img') {
        const alt = invisible ? '' : clean(el.getAttribute('alt'));
        if (alt) {
          if (childCtx.swallow) {
            childCtx.swallow.push(alt);
          } else if (!ctx.label) {
            emit('[image ' + quote(cut(alt, 80)) + ']', zone);
          }
        }
      } else if (tag === 'svg') {
        if (childCtx.swallow && !invisible) {
          const title = el.getAttribute('aria-label') || (el.querySelector('title') || {}).textContent;
          if (title) {
            childCtx.swallow.push(title);
          }
        }
      } else if (tag !== 'input') {
        visitContent(el, tag, childCtx);
      }

      if (entry && entry.leaf) {
        if (!entry.name) {
          entry.name = cut(clean(childCtx.swallow.join(' ')), MAX_NAME);
        }
        if (!entry.name && !entry.field) {
          entry.hint = cut(hintFor(el), 60);
        }
        if (ctx.swallow) {
          deferred.push(entry); // a control inside another control: listed after it
        } else {
          emitElement(entry);
        }
      } else if (entry && !entry.name) {
        entry.hint = cut(hintFor(el), 60);
      }
      if (block && !inlineBlock && !ctx.swallow) {
        breakLine('', ctx.zone);
      }
    }

    function visitFrame(el, style, ctx, childCtx, zone) {
      const child = childDocument(el);
      if (child && child.body) {
        mutations += docState(child).mutations;
        const offset = frameOffset(el, style);
        breakLine('', zone);
        visitChildren(child.body, { ox: ctx.ox + offset.x, oy: ctx.oy + offset.y, zone, pointer: false, hidden: childCtx.hidden, swallow: null, label: false });
        breakLine('', zone);
      } else if (!child && !childCtx.hidden) {
        emit('[iframe ' + quote(cut(clean(el.title || el.name || el.src || ''), 80)) + ' not readable (cross-origin)]', zone);
      }
    }

    function labelsVisibleControl(label) {
      const control = label.control;
      if (!control || !control.checkVisibility || !control.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        return false;
      }
      const box = control.getBoundingClientRect();
      return box.width > 1 && box.height > 1;
    }

    function describe(el, tag, kind, rects, box, ctx) {
      const x = box.left + ctx.ox;
      const y = box.top + ctx.oy;
      const zone = zoneOf(x, y, x + box.width, y + box.height);
      const entry = { el, role: kind.role, leaf: kind.leaf, generic: !!kind.generic, tag, name: '', zone, x, y, w: box.width, h: box.height, point: null, extra: {} };
      const extra = entry.extra;
      if (zone === '') {
        entry.point = clickPoint(el, rects, { x: ctx.ox, y: ctx.oy }, vw, vh);
        if (!entry.point) {
          // Covered by another element (overlay, modal backdrop) or clipped by a scroll container.
          if (!clippedByScroller(el, box)) {
            return null;
          }
          entry.zone = 'clipped';
        }
      }
      if (!entry.point) {
        entry.point = [round(x + box.width / 2), round(y + box.height / 2)];
      }
      const role = kind.role;
      const field = tag === 'input' || tag === 'textarea' || tag === 'select' || role === 'textbox' || role === 'combobox' || role === 'searchbox' || role === 'slider' || role === 'spinbutton' || role === 'listbox';
      entry.field = field && role !== 'button' && role !== 'checkbox' && role !== 'radio' && role !== 'switch';
      if (field) {
        entry.name = cut(fieldName(el), MAX_NAME);
      } else {
        const labelledBy = el.getAttribute('aria-labelledby');
        const aria = labelledBy ? textOfIds(el, labelledBy) : clean(el.getAttribute('aria-label'));
        if (aria) {
          entry.name = cut(aria, MAX_NAME);
        } else if (!kind.leaf) {
          entry.name = cut(clean(el.getAttribute('title') || ''), MAX_NAME);
        }
      }
      if (tag === 'input') {
        const type = (el.getAttribute('type') || 'text').toLowerCase();
        extra.t = type;
        if (type === 'checkbox' || type === 'radio') {
          extra.c = el.indeterminate ? 'mixed' : el.checked;
          if (!entry.name) {
            entry.name = cut(clean(el.value !== 'on' ? el.value : ''), MAX_NAME);
          }
        } else if (type === 'submit' || type === 'button' || type === 'reset') {
          entry.name = entry.name || cut(clean(el.value || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '')), MAX_NAME);
        } else if (type === 'image') {
          entry.name = entry.name || cut(clean(el.alt || el.value || ''), MAX_NAME);
        } else if (type === 'file') {
          if (el.files && el.files.length) {
            extra.v = cut(Array.from(el.files, (f) => f.name).join(', '), MAX_VALUE);
          }
        } else if (type === 'password') {
          if (el.value) {
            extra.v = '\u2022'.repeat(Math.min(el.value.length, 12));
          }
        } else if (el.value) {
          extra.v = cut(el.value, MAX_VALUE);
        }
        if (el.required) {
          extra.rq = 1;
        }
      } else if (tag === 'textarea') {
        if (el.value) {
          extra.v = cut(clean(el.value), MAX_VALUE);
        }
        if (el.required) {
          extra.rq = 1;
        }
      } else if (tag === 'select') {
        const options = el.options;
        const selected = [];
        for (const option of el.selectedOptions) {
          selected.push(clean(option.label || option.text));
        }
        if (selected.length) {
          extra.s = cut(selected.join(', '), MAX_VALUE);
        }
        const shown = [];
        for (let i = 0; i < options.length && i < MAX_OPTIONS; i++) {
          shown.push(cut(clean(options[i].label || options[i].text), 40));
        }
        extra.o = shown;
        extra.oc = options.length;
      } else if (role === 'textbox' && el.isContentEditable) {
        const value = cut(clean(el.innerText), MAX_VALUE);
        if (value) {
          extra.v = value;
        }
      } else if (tag === 'a' || tag === 'area') {
        const href = el.href;
        if (href && !href.startsWith('javascript:')) {
          extra.h = cut(href.startsWith(origin) && href.charCodeAt(origin.length) === 47 ? href.slice(origin.length) : href, 120);
        }
      }
      if (extra.c === undefined) {
        const ariaChecked = el.getAttribute('aria-checked');
        if (ariaChecked) {
          extra.c = ariaChecked === 'mixed' ? 'mixed' : ariaChecked === 'true';
        } else {
          const pressed = el.getAttribute('aria-pressed');
          if (pressed) {
            extra.p = pressed === 'true';
          }
        }
      }
      const ariaSelected = el.getAttribute('aria-selected');
      if (ariaSelected && (role === 'tab' || role === 'option' || role === 'gridcell' || role === 'treeitem' || role === 'row')) {
        extra.is = ariaSelected === 'true';
      }
      const expanded = el.getAttribute('aria-expanded');
      if (expanded === 'true' || expanded === 'false') {
        extra.e = expanded === 'true';
      } else if (tag === 'summary' && el.parentElement && el.parentElement.localName === 'details') {
        extra.e = el.parentElement.open;
      }
      if (el.disabled || el.getAttribute('aria-disabled') === 'true') {
        extra.d = 1;
      }
      if (el === focusedElement) {
        extra.f = 1;
      }
      if (kind.generic) {
        extra.g = 1;
      }
      return entry;
    }

    function clippedByScroller(el, rect) {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
          const box = p.getBoundingClientRect();
          if (rect.bottom <= box.top || rect.top >= box.bottom || rect.right <= box.left || rect.left >= box.right) {
            return true;
          }
        }
      }
      return false;
    }

    function emitElement(entry) {
      const position = elements.length;
      elements.push(entry);
      const zone = entry.zone === 'clipped' ? '' : entry.zone;
      if (zone) {
        zones[zone][0]++;
        if (viewportOnly) {
          entry.omitted = !listOffscreen;
          return;
        }
      }
      if (textLength >= maxText) {
        truncated = true;
        entry.omitted = !listOffscreen;
        return;
      }
      entry.rendered = true;
      emit(SLOT + position + SLOT, zone);
    }

    if (document.body) {
      visitChildren(document.body, { ox: 0, oy: 0, zone: '', pointer: false, hidden: false, swallow: null, label: false });
    }
    for (const entry of deferred) {
      emitElement(entry);
    }
    breakLine('', '');

    // Indices: reuse what this element had, new elements get the next free number (document order).
    const fresh = [];
    const out = [];
    for (let i = 0; i < elements.length; i++) {
      const entry = elements[i];
      let index = indexOf.get(entry.el);
      if (index === undefined) {
        index = nextIndex++;
        indexOf.set(entry.el, index);
      }
      if (entry.omitted) {
        out.push(0);
        continue;
      }
      if (!known.has(entry.el)) {
        entry.extra.n = fresh.length;
        fresh.push(entry.el);
      }
      if (entry.hint) {
        entry.extra.hi = entry.hint;
      }
      if (!entry.rendered) {
        entry.extra.nr = 1;
      }
      // Bounds rounded outwards to whole pixels (they still contain the click point).
      const left = Math.floor(entry.x);
      const top = Math.floor(entry.y);
      const item = [index, entry.role, entry.name, entry.tag, left, top, Math.ceil(entry.x + entry.w) - left, Math.ceil(entry.y + entry.h) - top,
        entry.point[0], entry.point[1], entry.zone];
      for (const key in entry.extra) {
        item.push(entry.extra);
        break;
      }
      out.push(item);
    }
    pending = fresh;

    const scroller = document.scrollingElement || document.documentElement;
    const result = {
      url: location.href,
      title: document.title,
      readyState: document.readyState,
      scrollX,
      scrollY,
      viewportWidth: vw,
      viewportHeight: vh,
      pageWidth: Math.max(scroller.scrollWidth, vw),
      pageHeight: Math.max(scroller.scrollHeight, vh),
      mutations,
      documentId,
      lines,
      elements: out,
      zones,
      truncated,
      fresh: fresh.length,
      took: Math.round((performance.now() - started) * 10) / 10,
    };
    return JSON.stringify(result);
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  // The host resolved the backend ids of the first `count` pending elements.
  function learn(count) {
    for (let i = 0; i < count && i < pending.length; i++) {
      known.add(pending[i]);
    }
    pending = [];
  }

  // The elements the last capture saw for the first time (their backend ids come back via learn).
  function pendingNodes() {
    return pending;
  }

  function markListened(...elements) {
    for (const el of elements) {
      if (el && el.nodeType === 1 && el.localName !== 'html' && el.localName !== 'body') {
        listened.add(el);
      }
    }
    return elements.length;
  }

  // "<document id>:<mutations>": changes whenever the document is replaced or mutated.
  function version() {
    return documentId + ':' + docState(document).mutations;
  }

  Object.defineProperty(globalThis, '__navigatorState', { value: Object.freeze({ capture, learn, pendingNodes, markListened, version }), configurable: false });
})();
