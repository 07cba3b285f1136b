// Navigator page-state agent. Runs in an isolated world of the top frame (page scripts cannot
// see or alter it), in one closure with dom-helpers.js, and walks the composed tree (open shadow
// roots, same-origin iframes) once per capture: visible text in reading order, interleaved with
// indexed interactive elements.
// Installed once per document; state lives in WeakMaps so removed nodes are collected.
(() => {
  if (globalThis.__navigatorState) {
    return;
  }

  const SLOT = '\u0001';
  const MAX_NAME = 80;
  const MAX_VALUE = 120;
  // Field values are given whole up to this length (then cut, with the full length noted).
  const MAX_FIELD_VALUE = 2000;
  // Options listed on a select in viewport mode; full-page mode lists up to MAX_ALL_OPTIONS.
  const MAX_OPTIONS = 8;
  const MAX_ALL_OPTIONS = 500;

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

  // Per-document bookkeeping (mutation counter, observer), per element: stable index, and back
  // from index to element (weakly: the host resolves an index to its node only when acting on it).
  const docs = new WeakMap();
  const indexOf = new WeakMap();
  const elementOf = new Map();
  // Elements with click-like listeners added by page scripts (found by the host through CDP).
  const listened = new WeakSet();
  // Out-of-process frame elements by the host's key for them (see FrameStateMerger).
  const frameKeys = new WeakMap();
  let nextIndex = 1;
  let topDocument = null;
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

  // A field's value, whole up to MAX_FIELD_VALUE, else cut with a note of its full length.
  function fieldValue(text) {
    return text.length > MAX_FIELD_VALUE ? text.slice(0, MAX_FIELD_VALUE) + '\u2026 (cut; ' + text.length + ' chars in all)' : text;
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
    // Items of a sortable list are acted on by dragging: they need an index too.
    const handler = listened.has(el) || el.getAttribute('draggable') === 'true' || el.hasAttribute('onclick') || el.hasAttribute('onmousedown') || el.hasAttribute('ng-click') || el.hasAttribute('@click') || el.hasAttribute('v-on:click');
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
        if (hit && (hit === el || composedContains(el, hit, true))) {
          return [Math.round(x * 10) / 10, Math.round(y * 10) / 10];
        }
      }
    }
    return null;
  }

  const BLOCKS = new Set(['block', 'flex', 'grid', 'list-item', 'table', 'table-row', 'table-caption', 'flow-root',
    'table-row-group', 'table-header-group', 'table-footer-group', 'inline-block', 'inline-flex', 'inline-grid']);
  const INLINE_BLOCKS = new Set(['inline-block', 'inline-flex', 'inline-grid']);
  // Elements that group their content for the reader (see isContainer).
  const CONTAINER_TAGS = new Set(['article', 'section', 'aside', 'li', 'tr', 'dialog', 'fieldset', 'details', 'figure']);
  const CONTAINER_ROLE_NAMES = new Set(['article', 'listitem', 'row', 'dialog', 'alertdialog', 'group', 'region']);
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

  // One capture: viewport geometry and what the walk needs besides the tree.
  function captureView(options) {
    // In quirks mode the root's client size is the whole document, not the viewport.
    const standards = document.compatMode === 'CSS1Compat';
    return {
      viewportOnly: !!options.viewportOnly,
      listOffscreen: !!options.listOffscreen,
      maxText: options.maxText > 0 ? options.maxText : 1e9,
      vw: standards ? document.documentElement.clientWidth : innerWidth,
      vh: standards ? document.documentElement.clientHeight : innerHeight,
      origin: location.origin,
      // Root-relative hrefs resolve against the base URL's origin; when that is the page's own,
      // a plain one is already the path we print (see linkTarget).
      rootRelativeIsOwn: sameOrigin(document.baseURI),
      focused: deepActiveElement(),
    };
  }

  // Where a box lies relative to the viewport: '' (in it), 'above', 'below', 'left' or 'right'.
  function zoneOf(view, left, top, right, bottom) {
    if (bottom <= 0) {
      return 'above';
    }
    if (top >= view.vh) {
      return 'below';
    }
    if (right <= 0) {
      return 'left';
    }
    if (left >= view.vw) {
      return 'right';
    }
    return '';
  }

  // The text being written: inline pieces join with spaces, blocks start new lines, off-viewport
  // text only counts towards the zone summaries in viewport mode, and writing stops at maxText.
  function createTextOutput(view) {
    const lines = [];
    const zones = { above: [0, 0], below: [0, 0], left: [0, 0], right: [0, 0] };
    let line = '';
    let linePrefix = '';
    let lineZone = '';
    let lastZone = '';
    let textLength = 0;
    // A group just ended: the next line starts after a blank line.
    let blankBefore = false;
    function push(text) {
      if (blankBefore) {
        blankBefore = false;
        if (lines.length && text.charCodeAt(0) !== 10) {
          text = '\n' + text;
          textLength++;
        }
      }
      lines.push(text);
    }
    // The last piece was text that ended without whitespace in the page: text that follows
    // without whitespace joins it ("Enter "<b>Marcella</b>" into" stays one word group).
    let glue = false;
    // A cell separator was just written: the next piece follows it without a space ("a|b").
    let cellStart = false;
    const output = {
      lines,
      zones,
      truncated: false,
      full: () => textLength >= view.maxText,
      emit(piece, zone, tight = false) {
        glue = false;
        if (zone) {
          zones[zone][1] += piece.length;
          if (view.viewportOnly) {
            return;
          }
        }
        if (textLength >= view.maxText) {
          output.truncated = true;
          return;
        }
        if (line === '') {
          line = piece;
          lineZone = zone;
        } else {
          const last = line.charCodeAt(line.length - 1);
          const first = piece.charCodeAt(0);
          // No space before closing punctuation or after an opening bracket / a line prefix.
          tight = tight || cellStart || last === 32 || last === 40 || first === 44 || first === 46 || first === 59 || first === 58 || first === 33 || first === 63 || first === 41;
          line += tight ? piece : ' ' + piece;
        }
        cellStart = false;
        textLength += piece.length + 1;
      },
      // Text from the page: `spaceBefore`/`spaceAfter` say whether the page had whitespace there.
      emitText(piece, zone, spaceBefore, spaceAfter) {
        const tight = glue && !spaceBefore;
        output.emit(piece, zone, tight);
        glue = !spaceAfter;
      },
      // Whitespace or a box edge in the page: the next text does not join the last.
      separate() {
        glue = false;
      },
      breakLine(prefix, zone) {
        glue = false;
        if (line !== '' && line !== linePrefix) {
          if (!view.viewportOnly && lineZone !== lastZone) {
            push(lineZone ? '--- ' + lineZone + ' the viewport ---' : '--- in the viewport ---');
            lastZone = lineZone;
          }
          push(line);
        }
        line = prefix;
        linePrefix = prefix;
        lineZone = zone;
      },
      // A group starts at the next line: returns where, for closeGroup.
      openGroup() {
        return lines.length;
      },
      // A group of more than one line is set off by blank lines before and after it.
      closeGroup(start) {
        if (lines.length - start < 2) {
          return;
        }
        if (start > 0 && lines[start].charCodeAt(0) !== 10) {
          lines[start] = '\n' + lines[start];
          textLength++;
        }
        blankBefore = true;
      },
      // Separates table cells on one line: "a|b", a bare bar being the shortest clear separator.
      cellBreak() {
        glue = false;
        if (line !== '' && line !== linePrefix) {
          line += '|';
          cellStart = true;
        }
      },
    };
    return output;
  }

  // Counts an off-screen subtree for the viewport summary without walking it.
  function summarise(output, el, zone) {
    output.zones[zone][0] += (el.matches(INTERACTIVE_SELECTOR) ? 1 : 0) + el.querySelectorAll(INTERACTIVE_SELECTOR).length;
    output.zones[zone][1] += clean(el.textContent).length;
  }

  // A checkbox or radio whose own box is hidden (opacity 0, clipped to a pixel, moved off-screen)
  // or covered by its styled label is acted on through that label: the label's visible box.
  function toggleLabel(el, tag, style) {
    if (tag !== 'input') {
      return null;
    }
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (type !== 'checkbox' && type !== 'radio') {
      return null;
    }
    for (const label of labelsOf(el)) {
      if (label.checkVisibility && label.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
        const rects = label.getClientRects();
        if (rects.length) {
          const box = unionRect(rects);
          if (box.width > 1 && box.height > 1) {
            return { label, rects, box };
          }
        }
      }
    }
    return null;
  }

  // Whether a label's control is visible itself, or acted on through the label (then the
  // label's text is only the control's name).
  function labelsVisibleControl(label) {
    const control = label.control;
    if (control && control.localName === 'input' && /^(checkbox|radio)$/i.test(control.type) && getComputedStyle(control).display !== 'none') {
      return true;
    }
    if (!control || !control.checkVisibility || !control.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
      return false;
    }
    const box = control.getBoundingClientRect();
    return box.width > 1 && box.height > 1;
  }

  // Whether a scrolling ancestor hides the element (then it is listed, not judged covered).
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

  // An indexable element's entry: where it is and where to click it, or null when it is covered.
  // `hitTarget`: the element a click point must hit (the element itself, or a toggle's label).
  function locateEntry(view, el, tag, kind, rects, box, ctx, hitTarget = el) {
    const x = box.left + ctx.ox;
    const y = box.top + ctx.oy;
    const zone = zoneOf(view, x, y, x + box.width, y + box.height);
    const entry = { el, role: kind.role, leaf: kind.leaf, generic: !!kind.generic, tag, name: '', zone, x, y, w: box.width, h: box.height, point: null, extra: {} };
    if (zone === '') {
      entry.point = clickPoint(hitTarget, rects, { x: ctx.ox, y: ctx.oy }, view.vw, view.vh);
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
    entry.name = ownName(el, kind, field);
    elementState(view, el, tag, entry);
    return entry;
  }

  // The name an element gives itself (labels, ARIA, title); leaves fall back to their text later.
  function ownName(el, kind, field) {
    if (field) {
      return cut(fieldName(el), MAX_NAME);
    }
    const labelledBy = el.getAttribute('aria-labelledby');
    const aria = labelledBy ? textOfIds(el, labelledBy) : clean(el.getAttribute('aria-label'));
    if (aria) {
      return cut(aria, MAX_NAME);
    }
    return kind.leaf ? '' : cut(clean(el.getAttribute('title') || ''), MAX_NAME);
  }

  // Value, checked/pressed/selected/expanded/disabled/focused state and link target, as the
  // short keys the host reads (entry.extra); input names that come from the value go to entry.name.
  function elementState(view, el, tag, entry) {
    const extra = entry.extra;
    const role = entry.role;
    if (tag === 'input') {
      inputState(el, entry);
    } else if (tag === 'textarea') {
      if (el.value) {
        extra.v = fieldValue(clean(el.value));
      }
      if (el.required) {
        extra.rq = 1;
      }
    } else if (tag === 'select') {
      selectState(el, extra, view.viewportOnly ? MAX_OPTIONS : MAX_ALL_OPTIONS);
    } else if (role === 'textbox' && el.isContentEditable) {
      const value = fieldValue(clean(el.innerText));
      if (value) {
        extra.v = value;
      }
    } else if (tag === 'a' || tag === 'area') {
      const href = linkTarget(view, el);
      if (href) {
        extra.h = cut(href, 120);
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
    if (el === view.focused) {
      extra.f = 1;
    }
    if (entry.generic) {
      extra.g = 1;
    }
  }

  // Characters a URL path, query or fragment keeps as written (no percent-encoding, no dot segments).
  const PLAIN_ROOT_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@\/?#%]*$/;

  function sameOrigin(url) {
    try {
      return new URL(url).origin === location.origin;
    } catch {
      return false;
    }
  }

  // A link's target as the agent reads it: a path for the page's own origin, else the whole URL;
  // empty for script links. Reading el.href serialises a URL per link, so a plain root-relative
  // attribute (most links of an app) is taken as written.
  function linkTarget(view, el) {
    const raw = el.getAttribute('href');
    if (raw !== null && view.rootRelativeIsOwn && el.ownerDocument === document && PLAIN_ROOT_PATH.test(raw) && raw.indexOf('/.') < 0) {
      return raw;
    }
    const href = el.href;
    if (!href || href.startsWith('javascript:')) {
      return '';
    }
    return href.startsWith(view.origin) && href.charCodeAt(view.origin.length) === 47 ? href.slice(view.origin.length) : href;
  }

  function inputState(el, entry) {
    const extra = entry.extra;
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
      extra.v = fieldValue(el.value);
    }
    if (el.required) {
      extra.rq = 1;
    }
  }

  function selectState(el, extra, maxOptions) {
    const options = el.options;
    const selected = [];
    for (const option of el.selectedOptions) {
      selected.push(clean(option.label || option.text));
    }
    if (selected.length) {
      extra.s = cut(selected.join(', '), MAX_VALUE);
    }
    const shown = [];
    for (let i = 0; i < options.length && i < maxOptions; i++) {
      shown.push(cut(clean(options[i].label || options[i].text), 40));
    }
    extra.o = shown;
    extra.oc = options.length;
  }

  // Walks the composed tree from a body, writing text to `output` and collecting indexable
  // element entries (in text order) for the host.
  function createWalker(view, output) {
    const walker = { elements: [], deferred: [], frames: [], mutations: docState(document).mutations };

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
      const data = node.data;
      const text = clean(data);
      if (text) {
        output.emitText(text.length > 2000 ? cut(text, 2000) : text, ctx.zone, text.charCodeAt(0) !== data.charCodeAt(0), text.charCodeAt(text.length - 1) !== data.charCodeAt(data.length - 1));
      } else if (data.length) {
        output.separate();
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
      let toggle = null;
      if (!ctx.hidden && !ctx.swallow && tag === 'input') {
        toggle = hiddenToggle(el, tag, style, ctx);
        if (toggle && toggle.through) {
          emitElement(toggle.through);
          return;
        }
      }
      const invisible = ctx.hidden || style.visibility !== 'visible' || style.opacity === '0';
      const pointer = style.cursor === 'pointer';
      const block = BLOCKS.has(display);
      const zone = block ? blockZone(el, style, ctx, invisible) : ctx.zone;
      if (zone === null) {
        return;
      }
      const found = invisible ? null : toggle ? { entry: toggle.itself, covered: false } : indexable(el, tag, style, ctx, pointer);
      const entry = found && found.entry;
      const inlineBlock = INLINE_BLOCKS.has(display);
      const lineBlock = block && !inlineBlock && !ctx.swallow;
      if (inlineBlock) {
        output.separate();
      }
      let group = -1;
      if (lineBlock) {
        openBlock(el, tag, display, zone, invisible);
        if (!invisible && isContainer(el, tag, style)) {
          group = output.openGroup();
        }
      } else if (tag === 'br' && !ctx.swallow) {
        output.breakLine('', zone);
        return;
      } else if (display === 'table-cell' && !ctx.swallow) {
        output.cellBreak();
      }

      let childZone = entry && !ctx.swallow ? entry.zone || zone : zone;
      if (childZone === 'clipped') {
        childZone = '';
      }
      const childHidden = invisible || !!(found && found.covered);
      // A label's text is its control's name; printing it again would only add noise.
      const childLabel = ctx.label || (tag === 'label' && labelsVisibleControl(el));
      const leaf = entry && entry.leaf;
      // Most elements hand their children the context they got: share it rather than copy it.
      const childCtx = !leaf && childZone === ctx.zone && pointer === ctx.pointer && childHidden === ctx.hidden && childLabel === ctx.label
        ? ctx
        : { ox: ctx.ox, oy: ctx.oy, zone: childZone, pointer, hidden: childHidden, swallow: leaf ? [] : ctx.swallow, label: childLabel };
      // A leaf control's own text becomes its name (swallowed); any other entry is listed now.
      if (entry && !leaf && !ctx.swallow) {
        emitElement(entry);
      }
      visitInside(el, tag, style, ctx, childCtx, zone, invisible);
      if (entry) {
        finishEntry(entry, el, ctx, childCtx);
      }
      if (lineBlock) {
        output.breakLine('', ctx.zone);
        if (group >= 0) {
          output.closeGroup(group);
        }
      } else if (inlineBlock) {
        output.separate();
      }
    }

    // A block's zone; null when it is skipped (a collapsed or clipped-away box, or an off-screen
    // subtree summarised in viewport mode). Inline boxes cannot clip; positioned and floated boxes
    // are blockified, so checking blocks catches collapsed panels and screen-reader-only text.
    function blockZone(el, style, ctx, invisible) {
      const rect = el.getBoundingClientRect();
      if ((rect.width <= 1 || rect.height <= 1) && style.overflowX !== 'visible') {
        if (!ctx.swallow || rect.width === 0 || rect.height === 0) {
          return null;
        }
      }
      if (rect.width <= 0 || rect.height <= 0 || ctx.swallow) {
        return ctx.zone;
      }
      const zone = zoneOf(view, rect.left + ctx.ox, rect.top + ctx.oy, rect.right + ctx.ox, rect.bottom + ctx.oy);
      if (zone && view.viewportOnly && !invisible) {
        const position = style.position;
        if (position === 'static' || position === 'relative') {
          // The whole subtree is off-screen (absolute/fixed children could escape, so those are walked).
          summarise(output, el, zone);
          return null;
        }
      }
      return zone;
    }

    // { entry, covered } for an element that gets an index (entry null when something covers it), or null.
    function indexable(el, tag, style, ctx, pointer) {
      const kind = classify(el, tag, style, ctx.pointer, pointer);
      if (!kind || (ctx.swallow && kind.generic)) {
        return null;
      }
      const rects = el.getClientRects();
      if (!rects.length) {
        return null;
      }
      const box = unionRect(rects);
      if (box.width <= 0 || box.height <= 0) {
        return null;
      }
      const entry = locateEntry(view, el, tag, kind, rects, box, ctx);
      return { entry, covered: entry === null && kind.leaf };
    }

    // For a checkbox or radio with a visible label (see toggleLabel): { itself } when it is
    // visible and uncovered (indexed as usual, with the entry already located), else { through }
    // to index it through its label; null when neither applies.
    function hiddenToggle(el, tag, style, ctx) {
      const through = toggleLabel(el, tag, style);
      if (!through) {
        return null;
      }
      const kind = classify(el, tag, style, false, false);
      if (!kind) {
        return null;
      }
      const own = el.getBoundingClientRect();
      if (style.visibility === 'visible' && style.opacity !== '0' && own.width > 1 && own.height > 1) {
        const itself = locateEntry(view, el, tag, kind, el.getClientRects(), own, ctx);
        if (itself !== null && itself.zone === '') {
          return { itself };
        }
      }
      const label = locateEntry(view, el, tag, kind, through.rects, through.box, ctx, through.label);
      return label ? { through: label } : null;
    }

    // A container groups what it holds (a post, a card, a list item, a dialog, a table row):
    // set off by blank lines when it spans more than one line, so an icon button is seen with its card.
    function isContainer(el, tag, style) {
      if (CONTAINER_TAGS.has(tag)) {
        return true;
      }
      const role = el.getAttribute('role');
      if (role && CONTAINER_ROLE_NAMES.has(role)) {
        return true;
      }
      // A card: a box drawn around its content (a shadow, or a border on every side).
      return tag !== 'body' && tag !== 'html' && (style.boxShadow !== 'none'
        || (style.borderTopStyle !== 'none' && style.borderBottomStyle !== 'none' && style.borderLeftStyle !== 'none' && style.borderRightStyle !== 'none'
          && parseFloat(style.borderTopWidth) > 0 && parseFloat(style.borderBottomWidth) > 0 && parseFloat(style.borderLeftWidth) > 0 && parseFloat(style.borderRightWidth) > 0));
    }

    // A block starts a line: headings get #, list items -, dialogs a [dialog] marker.
    function openBlock(el, tag, display, zone, invisible) {
      let prefix = '';
      if (tag.length === 2 && tag[0] === 'h' && tag[1] >= '1' && tag[1] <= '6') {
        prefix = '#'.repeat(Number(tag[1])) + ' ';
      } else if (display === 'list-item' || tag === 'li') {
        prefix = '- ';
      }
      output.breakLine(prefix, zone);
      const role = tag === 'dialog' ? 'dialog' : el.getAttribute('role');
      if ((role === 'dialog' || role === 'alertdialog') && !invisible) {
        output.emit('[dialog]', zone);
      }
    }

    // What is inside an element: a frame's document, an image's alt, an svg's title, or children.
    function visitInside(el, tag, style, ctx, childCtx, zone, invisible) {
      if (tag === 'iframe' || tag === 'frame') {
        visitFrame(el, style, ctx, childCtx, zone);
      } else if (tag === 'select' || tag === 'textarea' || tag === 'input') {
        // Represented by the element's value.
      } else if (tag === 'img') {
        const alt = invisible ? '' : clean(el.getAttribute('alt'));
        if (alt) {
          if (childCtx.swallow) {
            childCtx.swallow.push(alt);
          } else if (!ctx.label) {
            output.emit('[image ' + quote(cut(alt, 80)) + ']', zone);
          }
        }
      } else if (tag === 'svg') {
        if (childCtx.swallow && !invisible) {
          const title = el.getAttribute('aria-label') || (el.querySelector('title') || {}).textContent;
          if (title) {
            childCtx.swallow.push(title);
          }
        }
      } else {
        visitContent(el, tag, childCtx);
      }
    }

    function visitFrame(el, style, ctx, childCtx, zone) {
      const child = childDocument(el);
      if (child && child.body) {
        walker.mutations += docState(child).mutations;
        const offset = frameOffset(el, style);
        output.breakLine('', zone);
        visitChildren(child.body, { ox: ctx.ox + offset.x, oy: ctx.oy + offset.y, zone, pointer: false, hidden: childCtx.hidden, swallow: null, label: false });
        output.breakLine('', zone);
      } else if (!child && !childCtx.hidden && frameKeys.has(el)) {
        // Read by the host in the frame's own process; the marker line is where its text goes.
        const offset = frameOffset(el, style);
        output.breakLine('', zone);
        output.emit('\u0002' + walker.frames.length + '\u0002', zone);
        output.breakLine('', zone);
        walker.frames.push([frameKeys.get(el), round(ctx.ox + offset.x), round(ctx.oy + offset.y)]);
      } else if (!child && !childCtx.hidden) {
        output.emit('[iframe ' + quote(cut(clean(el.title || el.name || el.src || ''), 80)) + ' not readable (cross-origin)]', zone);
      }
    }

    // After the children: a leaf takes its text as name (or a hint) and is written; others get a hint.
    function finishEntry(entry, el, ctx, childCtx) {
      if (!entry.leaf) {
        if (!entry.name) {
          entry.hint = cut(hintFor(el), 60);
        }
        return;
      }
      if (!entry.name) {
        entry.name = cut(clean(childCtx.swallow.join(' ')), MAX_NAME);
      }
      if (!entry.name && !entry.field) {
        entry.hint = cut(hintFor(el), 60);
      }
      if (ctx.swallow) {
        walker.deferred.push(entry); // a control inside another control: listed after it
      } else {
        emitElement(entry);
      }
    }

    function emitElement(entry) {
      const position = walker.elements.length;
      walker.elements.push(entry);
      const zone = entry.zone === 'clipped' ? '' : entry.zone;
      if (zone) {
        output.zones[zone][0]++;
        if (view.viewportOnly) {
          entry.omitted = !view.listOffscreen;
          return;
        }
      }
      if (output.full()) {
        output.truncated = true;
        entry.omitted = !view.listOffscreen;
        return;
      }
      entry.rendered = true;
      output.emit(SLOT + position + SLOT, zone);
    }

    walker.walk = (body) => {
      visitChildren(body, { ox: 0, oy: 0, zone: '', pointer: false, hidden: false, swallow: null, label: false });
      for (const entry of walker.deferred) {
        emitElement(entry);
      }
      output.breakLine('', '');
    };
    return walker;
  }

  // Indices: reuse what an element had, new elements get the next free number (document order).
  // Returns the host's element rows.
  function indexEntries(elements) {
    const rows = [];
    for (const entry of elements) {
      let index = indexOf.get(entry.el);
      if (index === undefined) {
        index = nextIndex++;
        indexOf.set(entry.el, index);
        elementOf.set(index, new WeakRef(entry.el));
      }
      if (entry.omitted) {
        rows.push(0);
        continue;
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
      const row = [index, entry.role, entry.name, entry.tag, left, top, Math.ceil(entry.x + entry.w) - left, Math.ceil(entry.y + entry.h) - top,
        entry.point[0], entry.point[1], entry.zone];
      for (const key in entry.extra) {
        row.push(entry.extra);
        break;
      }
      rows.push(row);
    }
    forgetCollected(elements.length);
    return rows;
  }

  // Drops the index entries of collected elements once they outnumber the live ones (a page that
  // keeps replacing its elements would otherwise grow the map forever).
  function forgetCollected(live) {
    if (elementOf.size <= 2 * live + 1000) {
      return;
    }
    for (const [index, ref] of elementOf) {
      if (ref.deref() === undefined) {
        elementOf.delete(index);
      }
    }
  }

  // The page state as JSON for the host (PageStateBuilder).
  function capture(options) {
    const started = performance.now();
    // Indices the host gave to elements of out-of-process frames are not handed out here.
    if (options.floorFor === documentId && options.indexFloor > nextIndex) {
      nextIndex = options.indexFloor;
    }
    topDocument = document;
    labelsByRoot = new Map();
    const view = captureView(options);
    const output = createTextOutput(view);
    const walker = createWalker(view, output);
    if (document.body) {
      walker.walk(document.body);
    }
    const rows = indexEntries(walker.elements);
    const scroller = document.scrollingElement || document.documentElement;
    return JSON.stringify({
      url: location.href,
      title: document.title,
      readyState: document.readyState,
      scrollX,
      scrollY,
      viewportWidth: view.vw,
      viewportHeight: view.vh,
      pageWidth: Math.max(scroller.scrollWidth, view.vw),
      pageHeight: Math.max(scroller.scrollHeight, view.vh),
      mutations: walker.mutations,
      documentId,
      lines: output.lines,
      elements: rows,
      zones: output.zones,
      truncated: output.truncated,
      nextIndex,
      frames: walker.frames,
      took: Math.round((performance.now() - started) * 10) / 10,
    });
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  // The element an index of document `id` stands for, while it is still in the page; else null.
  function elementAt(id, index) {
    if (id !== documentId) {
      return null;
    }
    const ref = elementOf.get(index);
    const el = ref && ref.deref();
    return el && el.isConnected ? el : null;
  }

  function tagFrame(el, key) {
    frameKeys.set(el, key);
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

  Object.defineProperty(globalThis, '__navigatorState', { value: Object.freeze({ capture, elementAt, markListened, version, tagFrame }), configurable: false });
})();
