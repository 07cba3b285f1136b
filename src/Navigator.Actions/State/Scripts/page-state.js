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
  const BLOCK_DISPLAY = /^(block|flex|grid|list-item|table|table-row|table-caption|flow-root|table-row-group|table-header-group|table-footer-group)$/;
  const SKIP_TAGS = new Set(['script', 'style', 'noscript', 'template', 'head', 'meta', 'link', 'title']);
  const TEXT_INPUT_TYPES = new Set(['text', 'email', 'tel', 'url', 'password', 'search', 'number',
    'date', 'time', 'datetime-local', 'month', 'week', '']);
  const ICON_CLASS = /(?:^|[-_ ])(?:fa|fas|far|fab|icon|icons|glyphicon|bi|mdi|material-icons|ico|svg|btn|button)(?:[-_]|$)/i;

  // Per-document bookkeeping (mutation counter, observer), per element: stable index and backend id.
  const docs = new WeakMap();
  const indexOf = new WeakMap();
  const backendOf = new WeakMap();
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

  function isNativeControl(tag) {
    return tag === 'a' || tag === 'button' || tag === 'input' || tag === 'select' || tag === 'textarea' || tag === 'summary' || tag === 'area';
  }

  // Decides whether an element gets an index: its role, and whether its subtree text is its name.
  function classify(el, tag, style, parentStyle) {
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
    const handler = el.hasAttribute('onclick') || el.hasAttribute('onmousedown') || el.hasAttribute('ng-click') || el.hasAttribute('@click') || el.hasAttribute('v-on:click');
    const pointer = style.cursor === 'pointer' && (!parentStyle || parentStyle.cursor !== 'pointer');
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
    if (el.labels && el.labels.length) {
      const text = clean(Array.from(el.labels, (label) => labelText(label, el)).join(' '));
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

  function zoneOf(rect, vw, vh) {
    if (rect.bottom <= 0) {
      return 'above';
    }
    if (rect.top >= vh) {
      return 'below';
    }
    if (rect.right <= 0) {
      return 'left';
    }
    if (rect.left >= vw) {
      return 'right';
    }
    return '';
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

  function capture(options) {
    const viewportOnly = !!options.viewportOnly;
    const listOffscreen = !!options.listOffscreen;
    const maxText = options.maxText > 0 ? options.maxText : 1e9;
    topDocument = document;
    // In quirks mode the root's client size is the whole document, not the viewport.
    const standards = document.compatMode === 'CSS1Compat';
    const vw = standards ? document.documentElement.clientWidth : innerWidth;
    const vh = standards ? document.documentElement.clientHeight : innerHeight;
    const lines = [];
    const elements = [];
    const zones = { above: [0, 0], below: [0, 0], left: [0, 0], right: [0, 0] };
    let line = '';
    let lineZone = null;
    let textLength = 0;
    let truncated = false;
    let mutations = 0;
    let lastZone = '';

    // Text output: inline pieces join with spaces, blocks start new lines.
    function emit(piece, zone) {
      if (!piece) {
        return;
      }
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
        lineZone = zone;
        line = piece;
      } else {
        line += (/^[,.;:!?)]/.test(piece) || /[( ]$/.test(line) ? '' : ' ') + piece;
      }
      textLength += piece.length + 1;
    }

    function breakLine(prefix) {
      if (line) {
        if (!viewportOnly && lineZone !== lastZone) {
          lines.push(lineZone ? '--- ' + lineZone + ' the viewport ---' : '--- viewport ---');
          lastZone = lineZone;
        }
        lines.push(line);
      }
      line = prefix || '';
      lineZone = null;
    }

    function visitChildren(parent, ctx) {
      for (let node = parent.firstChild; node; node = node.nextSibling) {
        visit(node, ctx);
      }
    }

    function visitText(node, ctx) {
      if (ctx.label && !ctx.swallow) {
        return;
      }
      if (ctx.hidden || ctx.swallow) {
        if (ctx.swallow && !ctx.hidden) {
          ctx.swallow.push(node.data);
        }
        return;
      }
      const text = clean(node.data);
      if (text) {
        emit(cut(text, 2000), ctx.zone);
      }
    }

    function visit(node, ctx) {
      if (node.nodeType === 3) {
        visitText(node, ctx);
        return;
      }
      if (node.nodeType !== 1) {
        return;
      }
      const el = node;
      const tag = el.localName;
      if (SKIP_TAGS.has(tag)) {
        return;
      }
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.contentVisibility === 'hidden') {
        return;
      }
      const displayContents = style.display === 'contents';
      const invisible = style.visibility !== 'visible' || style.opacity === '0';
      let rect = null;
      let rects = null;
      let zone = ctx.zone;
      if (!displayContents) {
        rects = el.getClientRects();
        rect = el.getBoundingClientRect();
        if (rects.length === 0 || (rect.width * rect.height <= 1 && style.overflow !== 'visible')) {
          // No box, or clipped to nothing (screen-reader-only text stays out too).
          return;
        }
        const box = { top: rect.top + ctx.offset.y, bottom: rect.bottom + ctx.offset.y, left: rect.left + ctx.offset.x, right: rect.right + ctx.offset.x };
        zone = rect.width || rect.height ? zoneOf(box, vw, vh) : ctx.zone;
      }

      const block = !displayContents && BLOCK_DISPLAY.test(style.display);
      const parentStyle = ctx.style;
      let prefix = '';
      if (block && !ctx.swallow) {
        if (/^h[1-6]$/.test(tag)) {
          prefix = '#'.repeat(Number(tag[1])) + ' ';
        } else if (style.display === 'list-item' || tag === 'li') {
          prefix = '- ';
        } else if (tag === 'dialog' || el.getAttribute('role') === 'dialog' || el.getAttribute('role') === 'alertdialog') {
          breakLine('');
          emit('[dialog]', zone);
        }
        breakLine(prefix);
      } else if (tag === 'br' && !ctx.swallow) {
        breakLine('');
        return;
      } else if ((tag === 'td' || tag === 'th' || style.display === 'table-cell') && !ctx.swallow && line) {
        line += ' |';
      }

      let entry = null;
      let covered = false;
      const kind = invisible || ctx.hidden ? null : classify(el, tag, style, parentStyle);
      if (kind && rect && rect.width > 0 && rect.height > 0 && !(ctx.swallow && kind.generic)) {
        entry = describe(el, tag, kind, style, rects, rect, zone, ctx);
        covered = entry === null && kind.leaf;
      }

      const childCtx = {
        offset: ctx.offset,
        zone,
        style,
        hidden: ctx.hidden || invisible || covered,
        swallow: ctx.swallow,
        // A label's text is its control's name; printing it again would only add noise.
        label: ctx.label || (tag === 'label' && labelsVisibleControl(el)),
      };
      if (entry && entry.leaf) {
        childCtx.swallow = [];
      }

      if (entry && !entry.leaf && !ctx.swallow) {
        emitElement(entry, zone);
      }

      if (tag === 'iframe' || tag === 'frame') {
        const child = childDocument(el);
        if (child && child.body) {
          mutations += docState(child).mutations;
          const offset = frameOffset(el, style);
          breakLine('');
          visitChildren(child.body, { offset: { x: ctx.offset.x + offset.x, y: ctx.offset.y + offset.y }, zone, style: null, hidden: childCtx.hidden, swallow: null, label: false });
          breakLine('');
        } else if (!child && rect && rect.width > 0 && !childCtx.hidden) {
          emit('[iframe ' + quote(cut(clean(el.title || el.name || el.src || ''), 80)) + ' not readable (cross-origin)]', zone);
        }
      } else if (tag === 'select' || tag === 'textarea') {
        // Contents are represented by the element's value.
      } else if (tag === 'img' || tag === 'svg' || (tag === 'input' && !entry)) {
        const alt = tag === 'img' ? clean(el.getAttribute('alt')) : tag === 'svg' ? clean(el.getAttribute('aria-label') || (el.querySelector('title') || {}).textContent) : '';
        if (alt && !childCtx.hidden) {
          if (childCtx.swallow) {
            childCtx.swallow.push(alt);
          } else if (tag === 'img') {
            emit('[image ' + quote(cut(alt, 80)) + ']', zone);
          }
        }
      } else {
        if (el.shadowRoot) {
          visitChildren(el.shadowRoot, childCtx);
        } else if (tag === 'slot') {
          for (const assigned of el.assignedNodes({ flatten: false })) {
            visit(assigned, childCtx);
          }
          if (el.assignedNodes().length === 0) {
            visitChildren(el, childCtx);
          }
          return finish();
        }
        if (!el.shadowRoot) {
          visitChildren(el, childCtx);
        }
      }
      return finish();

      function finish() {
        if (entry && entry.leaf) {
          if (!entry.name) {
            const inner = clean(childCtx.swallow.join(' '));
            entry.name = cut(inner, MAX_NAME);
          }
          if (!entry.name && entry.tag !== 'select' && !TEXT_FIELD(entry)) {
            entry.hint = cut(hintFor(el), 60);
          }
          if (ctx.swallow) {
            // A control inside another control (rare): still indexed, rendered after its parent.
            emitElementDeferred(entry, zone);
          } else {
            emitElement(entry, zone);
          }
        } else if (entry && !entry.name) {
          entry.hint = cut(hintFor(el), 60);
        }
        if (block && !ctx.swallow) {
          breakLine('');
        }
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

    function TEXT_FIELD(entry) {
      return entry.role === 'textbox' || entry.role === 'searchbox' || entry.role === 'spinbutton' || entry.role === 'combobox';
    }

    function describe(el, tag, kind, style, rects, rect, zone, ctx) {
      const entry = {
        el,
        role: kind.role,
        leaf: kind.leaf,
        generic: !!kind.generic,
        tag,
        name: '',
        zone,
        x: rect.left + ctx.offset.x,
        y: rect.top + ctx.offset.y,
        w: rect.width,
        h: rect.height,
        point: null,
      };
      if (zone === '') {
        entry.point = clickPoint(el, rects, ctx.offset, vw, vh);
        if (!entry.point) {
          // Covered by another element (overlay, modal backdrop) or clipped by a scroll container.
          if (!clippedByScroller(el, rect)) {
            return null;
          }
          entry.zone = 'clipped';
        }
      }
      if (!entry.point) {
        entry.point = [Math.round((entry.x + entry.w / 2) * 10) / 10, Math.round((entry.y + entry.h / 2) * 10) / 10];
      }
      const aria = clean(el.getAttribute('aria-label'));
      if (tag === 'input' || tag === 'textarea' || tag === 'select' || kind.role === 'textbox' || kind.role === 'combobox' || kind.role === 'searchbox' || kind.role === 'slider' || kind.role === 'spinbutton' || kind.role === 'listbox') {
        entry.name = cut(fieldName(el), MAX_NAME);
      } else if (el.getAttribute('aria-labelledby')) {
        entry.name = cut(textOfIds(el, el.getAttribute('aria-labelledby')), MAX_NAME);
      } else if (aria) {
        entry.name = cut(aria, MAX_NAME);
      } else if (!kind.leaf) {
        entry.name = cut(clean(el.getAttribute('title') || ''), MAX_NAME);
      }
      if (tag === 'input') {
        const type = (el.getAttribute('type') || 'text').toLowerCase();
        entry.type = type;
        if (type === 'checkbox' || type === 'radio') {
          entry.checked = el.indeterminate ? 'mixed' : el.checked;
          if (!entry.name) {
            entry.name = cut(clean(el.value !== 'on' ? el.value : ''), MAX_NAME);
          }
        } else if (type === 'submit' || type === 'button' || type === 'reset') {
          entry.name = entry.name || cut(clean(el.value || (type === 'submit' ? 'Submit' : type === 'reset' ? 'Reset' : '')), MAX_NAME);
        } else if (type === 'image') {
          entry.name = entry.name || cut(clean(el.alt || el.value || ''), MAX_NAME);
        } else if (type === 'file') {
          entry.value = el.files && el.files.length ? cut(Array.from(el.files, (f) => f.name).join(', '), MAX_VALUE) : null;
        } else if (type === 'password') {
          entry.value = el.value ? '\u2022'.repeat(Math.min(el.value.length, 12)) : null;
        } else {
          entry.value = el.value ? cut(el.value, MAX_VALUE) : null;
        }
        if (el.required) {
          entry.required = true;
        }
      } else if (tag === 'textarea') {
        entry.value = el.value ? cut(clean(el.value), MAX_VALUE) : null;
      } else if (tag === 'select') {
        const selected = Array.from(el.selectedOptions, (o) => clean(o.label || o.text));
        entry.selected = selected.length ? cut(selected.join(', '), MAX_VALUE) : null;
        const all = Array.from(el.options, (o) => clean(o.label || o.text));
        entry.options = all.slice(0, MAX_OPTIONS).map((o) => cut(o, 40));
        entry.optionCount = all.length;
      } else if (kind.role === 'textbox' && el.isContentEditable) {
        entry.value = cut(clean(el.innerText), MAX_VALUE) || null;
      } else if (tag === 'a' || tag === 'area') {
        entry.href = hrefOf(el);
      }
      const ariaChecked = el.getAttribute('aria-checked');
      if (ariaChecked && entry.checked === undefined) {
        entry.checked = ariaChecked === 'mixed' ? 'mixed' : ariaChecked === 'true';
      }
      const pressed = el.getAttribute('aria-pressed');
      if (pressed && entry.checked === undefined) {
        entry.pressed = pressed === 'true';
      }
      const ariaSelected = el.getAttribute('aria-selected');
      if (ariaSelected && (kind.role === 'tab' || kind.role === 'option' || kind.role === 'gridcell' || kind.role === 'treeitem' || kind.role === 'row')) {
        entry.isSelected = ariaSelected === 'true';
      }
      const expanded = el.getAttribute('aria-expanded');
      if (expanded === 'true' || expanded === 'false') {
        entry.expanded = expanded === 'true';
      } else if (tag === 'summary' && el.parentElement && el.parentElement.localName === 'details') {
        entry.expanded = el.parentElement.open;
      }
      if (el.disabled || el.getAttribute('aria-disabled') === 'true') {
        entry.disabled = true;
      }
      if (el.getRootNode().activeElement === el) {
        entry.focused = true;
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

    const deferred = [];
    function emitElement(entry, zone) {
      const position = elements.length;
      elements.push(entry);
      const z = entry.zone === 'clipped' ? '' : entry.zone;
      if (z) {
        zones[z][0]++;
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
      emit(SLOT + position + SLOT, null);
      if (line && lineZone === null) {
        lineZone = z;
      }
      void zone;
    }

    function emitElementDeferred(entry, zone) {
      deferred.push([entry, zone]);
    }

    const state = docState(document);
    mutations += state.mutations;
    if (document.body) {
      visit(document.body, { offset: { x: 0, y: 0 }, zone: '', style: null, hidden: false, swallow: null, label: false });
    }
    for (const [entry, zone] of deferred) {
      emitElement(entry, zone);
    }
    breakLine('');

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
      entry.index = index;
      if (entry.omitted) {
        out.push(null);
        continue;
      }
      let backend = backendOf.get(entry.el);
      let newSlot = -1;
      if (backend === undefined) {
        newSlot = fresh.length;
        fresh.push(entry.el);
      }
      out.push([
        index, entry.role, entry.name || '', entry.tag, entry.type ?? null, entry.value ?? null,
        entry.checked ?? null, entry.selected ?? null, entry.expanded ?? null, !!entry.disabled,
        entry.href ?? null, entry.hint || null,
        round(entry.x), round(entry.y), round(entry.w), round(entry.h), entry.point[0], entry.point[1],
        entry.zone === 'clipped' ? 'clipped' : entry.zone,
        backend === undefined ? null : backend[0], backend === undefined ? null : backend[1], newSlot,
        entry.options ?? null, entry.optionCount ?? 0, entry.pressed ?? null, entry.isSelected ?? null,
        !!entry.focused, !!entry.required, !!entry.generic, !!entry.rendered,
      ]);
    }
    pending = fresh;

    const scroller = document.scrollingElement || document.documentElement;
    const result = {
      url: location.href,
      title: document.title,
      readyState: document.readyState,
      scrollX: scrollX,
      scrollY: scrollY,
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
    };
    return [JSON.stringify(result), fresh];
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  // Backend node ids (and frame ids) of the elements the last capture reported as new.
  function learn(ids) {
    for (let i = 0; i < ids.length && i < pending.length; i++) {
      backendOf.set(pending[i], ids[i]);
    }
    pending = [];
  }

  function version() {
    return docState(document).mutations;
  }

  Object.defineProperty(globalThis, '__navigatorState', { value: Object.freeze({ capture, learn, version }), configurable: false });
})();
