namespace Navigator.Actions.Dispatch;

/// <summary>
/// Functions run in the page with Runtime.callFunctionOn (<c>this</c> is the element). Each is
/// self-contained so it works in any frame and world without setup, and returns a plain
/// <c>{status: ...}</c> object the dispatcher turns into a result or an error code.
/// </summary>
internal static class PageScripts
{
    /// <summary>
    /// Shared helpers, prepended to every element function: element description
    /// (<c>div#overlay.modal</c>), deep hit testing through shadow roots, frame offsets.
    /// </summary>
    private const string Helpers = """
        const describe = (e) => {
          if (!e || e.nodeType !== 1) return e && e.nodeName ? e.nodeName.toLowerCase() : 'nothing';
          let s = e.localName;
          if (e.id) s += '#' + e.id;
          const cls = typeof e.className === 'string' ? e.className.trim().split(/\s+/).filter(Boolean).slice(0, 3) : [];
          for (const c of cls) s += '.' + c;
          return s;
        };
        // Descends through open shadow roots, and through the closed ones the element lives in.
        const hitAt = (doc, x, y, roots) => {
          let h = doc.elementFromPoint(x, y);
          for (;;) {
            const root = h && (h.shadowRoot || (roots || []).find(r => r.host === h));
            if (!root) break;
            const inner = root.elementFromPoint(x, y);
            if (!inner || inner === h) break;
            h = inner;
          }
          return h;
        };
        const shadowRoots = (e) => {
          const roots = [];
          for (let n = e.getRootNode(); n && n.host; n = n.host.getRootNode()) roots.push(n);
          return roots;
        };
        const composedContains = (outer, node) => {
          for (let n = node; n; n = n.parentNode || n.host) if (n === outer) return true;
          return false;
        };
        const visible = (e) => {
          if (!e.isConnected) return false;
          if (e.checkVisibility && !e.checkVisibility({ visibilityProperty: true })) return false;
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.height > 0;
        };
        // Offset of the element's frame in the top viewport, and the frame elements on the way up.
        const frameChain = (e) => {
          const chain = [];
          let win = e.ownerDocument.defaultView;
          while (win && win !== win.top) {
            let fe = null;
            try { fe = win.frameElement; } catch { fe = null; }
            if (!fe) return null;
            const r = fe.getBoundingClientRect();
            const cs = fe.ownerDocument.defaultView.getComputedStyle(fe);
            chain.push({ fe, x: r.left + fe.clientLeft + parseFloat(cs.paddingLeft), y: r.top + fe.clientTop + parseFloat(cs.paddingTop) });
            win = fe.ownerDocument.defaultView;
          }
          return chain;
        };
        """;

    /// <summary>
    /// Makes the element ready for a pointer action: connected, enabled, visible (or its label),
    /// scrolled into view, not animating, and hit by a point inside it. Argument:
    /// <c>{ hitTest, checkEnabled, stableMs }</c>. Returns <c>{status:'ok', x, y, target}</c> in
    /// top-level viewport CSS pixels, or a failure status with details.
    /// </summary>
    public const string PrepareForPointer = "async function(opts) {\n" + Helpers + """
          let el = this;
          if (el.nodeType === 3) el = el.parentElement;
          if (!el || !el.isConnected) return { status: 'stale' };
          const me = describe(el);
          if (opts.checkEnabled && ((el.matches && el.matches(':disabled')) || el.closest('[aria-disabled="true"]')))
            return { status: 'disabled', element: me };
          let target = el;
          if (!visible(el)) {
            const label = el.labels ? [...el.labels].find(visible) : null;
            if (!label) return { status: 'hidden', element: me };
            target = label;
          }
          const view = target.ownerDocument.defaultView;
          const inView = (r) => r.top >= 0 && r.left >= 0 && r.bottom <= view.innerHeight && r.right <= view.innerWidth;
          if (opts.scroll !== false && !inView(target.getBoundingClientRect())) target.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          const animating = () => target.ownerDocument.getAnimations().some(a => a.playState === 'running' && a.effect && a.effect.target
            && (a.effect.target === target || composedContains(a.effect.target, target)));
          if (animating()) {
            // Wait until two consecutive frames put the element at the same place.
            const deadline = performance.now() + opts.stableMs;
            let last = target.getBoundingClientRect();
            while (performance.now() < deadline) {
              await new Promise(r => view.requestAnimationFrame(r));
              const now = target.getBoundingClientRect();
              if (now.x === last.x && now.y === last.y && now.width === last.width && now.height === last.height) break;
              last = now;
            }
          }
          const chain = frameChain(target);
          if (!chain) return { status: 'cross_origin_frame', element: me };
          let ox = 0, oy = 0;
          for (const f of chain) { ox += f.x; oy += f.y; }
          const rects = [...target.getClientRects()].filter(q => q.width > 0 && q.height > 0);
          const vw = view.innerWidth, vh = view.innerHeight;
          let area = null;
          for (const q of rects) {
            const l = Math.max(q.left, 0), t = Math.max(q.top, 0), r = Math.min(q.right, vw), b = Math.min(q.bottom, vh);
            if (r - l >= 1 && b - t >= 1) { area = { l, t, r, b }; break; }
          }
          if (!area) return { status: 'outside_viewport', element: me };
          const owns = (h) => {
            if (!h) return false;
            if (composedContains(target, h) || composedContains(el, h)) return true;
            const label = h.closest && h.closest('label');
            return !!(label && (label.control === el || composedContains(label, el)));
          };
          // Every frame on the way up must receive the point too.
          const framesHit = (x, y) => {
            let fx = x, fy = y;
            for (const f of chain) {
              fx += f.x; fy += f.y;
              const h = hitAt(f.fe.ownerDocument, fx, fy);
              if (h !== f.fe) return h;
            }
            return null;
          };
          const roots = shadowRoots(target);
          const cx = (area.l + area.r) / 2, cy = (area.t + area.b) / 2;
          const candidates = [[cx, cy]];
          for (const fx of [0.25, 0.5, 0.75]) for (const fy of [0.25, 0.5, 0.75])
            if (fx !== 0.5 || fy !== 0.5) candidates.push([area.l + (area.r - area.l) * fx, area.t + (area.b - area.t) * fy]);
          let blocker = null;
          for (const [x, y] of candidates) {
            if (!opts.hitTest) return { status: 'ok', x: x + ox, y: y + oy, element: me };
            const h = hitAt(target.ownerDocument, x, y, roots);
            const outer = framesHit(x, y);
            if (owns(h) && !outer) return { status: 'ok', x: x + ox, y: y + oy, element: me };
            if (!blocker) blocker = outer || h;
          }
          return { status: 'obscured', element: me, blocker: describe(blocker), x: cx + ox, y: cy + oy };
        }
        """;

    /// <summary>
    /// Focuses an editable field and prepares it for <c>Input.insertText</c>: selects its content
    /// when clearing, else moves the caret to the end. Date-like inputs, whose value cannot be
    /// typed as text, get it set directly with input/change events. Argument:
    /// <c>{ clear, text }</c>. Returns <c>{status:'ok', mode:'insert'|'set', hadText}</c>.
    /// </summary>
    public const string PrepareForTyping = "function(opts) {\n" + Helpers + """
          let el = this;
          if (el.nodeType === 3) el = el.parentElement;
          if (!el || !el.isConnected) return { status: 'stale' };
          const textTypes = ['', 'text', 'search', 'email', 'url', 'tel', 'password', 'number'];
          const setTypes = ['date', 'time', 'datetime-local', 'month', 'week', 'color', 'range'];
          const kind = (e) => {
            if (e.localName === 'textarea') return 'text';
            if (e.localName === 'input') {
              const t = (e.getAttribute('type') || '').toLowerCase();
              if (textTypes.includes(t)) return 'text';
              if (setTypes.includes(t)) return 'set';
              return 'input:' + t;
            }
            if (e.isContentEditable) return 'editable';
            if (e.localName === 'select') return 'select';
            return null;
          };
          let k = kind(el);
          if (!k) {
            // A wrapper or label around one field types into that field.
            const inner = el.control || el.querySelector('input:not([type=hidden]), textarea, [contenteditable=""], [contenteditable="true"]');
            if (inner && kind(inner)) { el = inner; k = kind(inner); }
          }
          const me = describe(el);
          if (!k) return { status: 'not_editable', element: me, reason: 'it is not a text field' };
          if (k === 'select') return { status: 'not_editable', element: me, reason: 'it is a select; use select_option' };
          if (k.startsWith('input:')) return { status: 'not_editable', element: me, reason: `it is an input of type ${k.slice(6)}; use ${k === 'input:file' ? 'upload_file' : 'click'}` };
          if (el.matches(':disabled')) return { status: 'disabled', element: me };
          if (el.readOnly) return { status: 'not_editable', element: me, reason: 'it is read-only' };
          if (!visible(el)) return { status: 'hidden', element: me };
          const view = el.ownerDocument.defaultView;
          const r0 = el.getBoundingClientRect();
          if (r0.top < 0 || r0.left < 0 || r0.bottom > view.innerHeight || r0.right > view.innerWidth)
            el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
          const chain = frameChain(el) || [];
          let ox = 0, oy = 0;
          for (const f of chain) { ox += f.x; oy += f.y; }
          const r = el.getBoundingClientRect();
          const point = { x: r.left + r.width / 2 + ox, y: r.top + r.height / 2 + oy };
          if (k === 'set') {
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
            el.focus();
            const previous = el.value;
            setter.call(el, opts.text);
            if (opts.text !== '' && el.value === '') {
              setter.call(el, previous);
              return { status: 'bad_value', element: me, type: el.type };
            }
            el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            return { status: 'ok', mode: 'set', element: me, ...point, value: el.value };
          }
          el.focus();
          // The element's own root knows its focus, also inside closed shadow roots.
          const active = el.getRootNode().activeElement;
          if (active !== el && !(active && composedContains(el, active))) return { status: 'not_focusable', element: me, focused: describe(active) };
          let hadText;
          if (k === 'editable') {
            hadText = el.textContent.length > 0;
            const range = el.ownerDocument.createRange();
            range.selectNodeContents(el);
            if (!opts.clear) range.collapse(false);
            const sel = view.getSelection();
            sel.removeAllRanges();
            sel.addRange(range);
          } else {
            hadText = el.value.length > 0;
            if (opts.clear) {
              el.select();
            } else {
              try { const n = el.value.length; el.setSelectionRange(n, n); } catch { /* number inputs have no selection */ }
            }
          }
          return { status: 'ok', mode: 'insert', element: me, hadText, ...point };
        }
        """;

    /// <summary>Focuses an element (for send_keys with an index).</summary>
    public const string Focus = """
        function() {
          let el = this;
          if (el.nodeType === 3) el = el.parentElement;
          if (!el || !el.isConnected) return { status: 'stale' };
          el.focus();
          return { status: 'ok' };
        }
        """;

    /// <summary>
    /// Chooses an option of a select by value or label; fires input and change like a user's
    /// choice. Argument <c>{ value, label }</c>.
    /// </summary>
    public const string SelectOption = "function(opts) {\n" + Helpers + """
          let el = this;
          if (!el || !el.isConnected) return { status: 'stale' };
          if (el.localName !== 'select') el = el.control || (el.querySelector && el.querySelector('select')) || el;
          const me = describe(el);
          if (el.localName !== 'select') return { status: 'not_select', element: me };
          if (el.matches(':disabled')) return { status: 'disabled', element: me };
          const options = [...el.options];
          const norm = (s) => (s || '').replace(/\s+/g, ' ').trim();
          let found;
          if (opts.value != null) {
            found = options.find(o => o.value === opts.value);
          } else {
            const want = norm(opts.label);
            found = options.find(o => norm(o.label) === want)
              || options.find(o => norm(o.label).toLowerCase() === want.toLowerCase());
            if (!found) {
              const partial = options.filter(o => norm(o.label).toLowerCase().includes(want.toLowerCase()));
              if (partial.length === 1) found = partial[0];
            }
          }
          if (!found) return { status: 'no_option', element: me, options: options.slice(0, 30).map(o => norm(o.label) + (o.value !== norm(o.label) ? ` (value "${o.value}")` : '')) };
          if (found.disabled) return { status: 'option_disabled', element: me, label: norm(found.label) };
          const r = el.getBoundingClientRect();
          if (!el.multiple) el.value = found.value; else found.selected = true;
          found.selected = true;
          el.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
          return { status: 'ok', element: me, label: norm(found.label), value: found.value, x: r.left + r.width / 2, y: r.top + r.height / 2 };
        }
        """;

    /// <summary>
    /// Scrolls: with a direction, the nearest container (from this element, or from the element
    /// at the viewport centre) that can move that way, else the document; without one, brings
    /// this element into view. Argument <c>{ direction, amount }</c>.
    /// </summary>
    public const string Scroll = "function(opts) {\n" + Helpers + """
          const el = this && this.nodeType ? (this.nodeType === 3 ? this.parentElement : this) : null;
          const doc = el ? el.ownerDocument : document;
          const view = doc.defaultView;
          const root = doc.scrollingElement || doc.documentElement;
          const pos = () => ({ x: view.scrollX, y: view.scrollY });
          if (!opts.direction) {
            if (!el || !el.isConnected) return { status: 'stale' };
            el.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
            const r = el.getBoundingClientRect();
            return { status: 'ok', moved: true, element: describe(el), ...pos(), x0: r.left + r.width / 2, y0: r.top + r.height / 2 };
          }
          const vertical = opts.direction === 'up' || opts.direction === 'down';
          const sign = opts.direction === 'up' || opts.direction === 'left' ? -1 : 1;
          const canMove = (s) => {
            if (s === root) return vertical
              ? (sign > 0 ? s.scrollTop + view.innerHeight < s.scrollHeight - 1 : s.scrollTop > 0)
              : (sign > 0 ? s.scrollLeft + view.innerWidth < s.scrollWidth - 1 : s.scrollLeft > 0);
            const st = view.getComputedStyle(s);
            const ov = vertical ? st.overflowY : st.overflowX;
            if (!['auto', 'scroll', 'overlay'].includes(ov)) return false;
            return vertical
              ? (sign > 0 ? s.scrollTop + s.clientHeight < s.scrollHeight - 1 : s.scrollTop > 0)
              : (sign > 0 ? s.scrollLeft + s.clientWidth < s.scrollWidth - 1 : s.scrollLeft > 0);
          };
          let start = el;
          if (!start) start = hitAt(doc, view.innerWidth / 2, view.innerHeight / 2);
          let scroller = null;
          for (let n = start; n; n = n.parentNode || n.host) {
            if (n.nodeType !== 1) continue;
            if (n === doc.body || n === doc.documentElement) break;
            if (canMove(n)) { scroller = n; break; }
          }
          if (!scroller) scroller = root;
          const size = scroller === root ? (vertical ? view.innerHeight : view.innerWidth) : (vertical ? scroller.clientHeight : scroller.clientWidth);
          const amount = opts.amount || Math.round(size * 0.8);
          const before = { top: scroller.scrollTop, left: scroller.scrollLeft };
          scroller.scrollBy({ top: vertical ? sign * amount : 0, left: vertical ? 0 : sign * amount, behavior: 'instant' });
          const moved = vertical ? scroller.scrollTop - before.top : scroller.scrollLeft - before.left;
          const atEnd = !canMove(scroller);
          return { status: 'ok', moved: moved !== 0, delta: moved, atEnd, container: scroller === root ? 'page' : describe(scroller), ...pos() };
        }
        """;

    /// <summary>Describes an element for upload: is it a file input, may it take several files.</summary>
    public const string DescribeFileInput = """
        function() {
          const el = this;
          if (!el || !el.isConnected) return { status: 'stale' };
          const isFile = el.localName === 'input' && (el.getAttribute('type') || '').toLowerCase() === 'file';
          return { status: 'ok', isFile, multiple: isFile && el.multiple, disabled: !!(el.matches && el.matches(':disabled')) };
        }
        """;

    /// <summary>Is the element (or an ancestor) HTML5-draggable.</summary>
    public const string IsDraggable = """
        function() {
          const el = this && this.nodeType === 3 ? this.parentElement : this;
          return !!(el && el.closest && el.closest('[draggable="true"]'));
        }
        """;

    /// <summary>
    /// Resolves when the page shows <c>text</c> or has a visible match of <c>selector</c>, or
    /// after <c>timeoutMs</c> (false). Watches mutations instead of polling.
    /// </summary>
    public const string WaitForCondition = """
        (opts) => new Promise((resolve, reject) => {
          const check = () => {
            if (opts.selector != null) {
              const e = document.querySelector(opts.selector);
              return !!(e && (!e.checkVisibility || e.checkVisibility({ visibilityProperty: true })));
            }
            return !!(document.body && document.body.innerText.includes(opts.text));
          };
          try { if (check()) return resolve(true); } catch (e) { return reject(e); }
          let done = false;
          const finish = (v) => { if (!done) { done = true; observer.disconnect(); clearTimeout(timer); resolve(v); } };
          const observer = new MutationObserver(() => { try { if (check()) finish(true); } catch { } });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          const timer = setTimeout(() => finish(false), opts.timeoutMs);
        })
        """;

    /// <summary>Resolves once the document has loaded (immediately when it already has).</summary>
    public const string WaitForLoad = """
        new Promise(r => document.readyState === 'complete' ? r(location.href) : addEventListener('load', () => r(location.href), { once: true }))
        """;

    /// <summary>Name of the isolated world holding the mutation counter.</summary>
    public const string ProbeWorld = "__navigator_actions";

    /// <summary>
    /// Installed in an isolated world of every main-frame document: counts DOM mutations so the
    /// dispatcher can tell whether an action changed the page without a round trip before it.
    /// </summary>
    public const string ProbeInstall = """
        (() => {
          if (globalThis.__navProbe) return;
          let count = 0;
          const observer = new MutationObserver(records => { count += records.length; });
          observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
          globalThis.__navProbe = () => { count += observer.takeRecords().length; return [count, location.href, document.title]; };
        })()
        """;

    /// <summary>Reads the probe (mutation count, URL, title).</summary>
    public const string ProbeRead = "globalThis.__navProbe ? globalThis.__navProbe() : [-1, location.href, document.title]";
}
