// Finds visible DOM text for click_text. Called with {text, exact}; returns
// {status: 'ok', x, y, text, target} (viewport CSS pixels, scrolled into view when needed),
// {status: 'obscured', text, blocker}, or {status: 'not_found', regions} where regions are the
// on-screen parts the DOM cannot describe (canvas, images, video, frames) for OCR.
(function (args) {
  const norm = (s) => s.replace(/\s+/g, ' ').trim();
  const want = norm(args.text);
  const wantLower = want.toLowerCase();
  const matches = (s) => {
    const t = norm(s);
    return args.exact ? t === want : t.toLowerCase().includes(wantLower);
  };
  const describe = (e) => {
    if (!e || e.nodeType !== 1) return 'nothing';
    let s = e.localName;
    if (e.id) s += '#' + e.id;
    return s;
  };
  const skip = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE']);
  const shown = (e) => !e.checkVisibility || e.checkVisibility({ visibilityProperty: true, opacityProperty: true });
  const vw = window.innerWidth;
  const vh = window.innerHeight;
  const onScreen = (r) => r.right > 0 && r.bottom > 0 && r.left < vw && r.top < vh;
  const firstRect = (range) => Array.from(range.getClientRects()).find((r) => r.width > 0 && r.height > 0);

  // Best first: on screen, whole text rather than a part, then the shortest text.
  let best = null;
  const consider = (element, rangeOrElement, text) => {
    const rect = rangeOrElement.getClientRects ? firstRect(rangeOrElement) : null;
    if (!rect) return;
    const score = (onScreen(rect) ? 0 : 1000000) + (norm(text).toLowerCase() === wantLower ? 0 : 100000) + Math.min(norm(text).length, 99999);
    if (!best || score < best.score) best = { element, source: rangeOrElement, text: norm(text), score };
  };

  const root = document.body || document.documentElement;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const firstWord = wantLower.split(' ')[0];
  const partial = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const raw = n.nodeValue;
    const parent = n.parentElement;
    if (!raw || !parent || skip.has(parent.tagName) || !raw.trim()) continue;
    if (matches(raw)) {
      if (!shown(parent)) continue;
      const range = document.createRange();
      const at = args.exact ? -1 : raw.toLowerCase().indexOf(wantLower);
      if (at >= 0) {
        range.setStart(n, at);
        range.setEnd(n, at + wantLower.length);
      } else {
        range.selectNodeContents(n);
      }
      consider(parent, range, raw);
    } else if (!best && firstWord && raw.toLowerCase().includes(firstWord)) {
      partial.push(parent);
    }
  }

  // Text split over several nodes ("Pay <b>now</b>"): the closest ancestor whose text matches.
  if (!best) {
    for (const start of partial.slice(0, 200)) {
      let e = start;
      for (let depth = 0; e && depth < 4; depth++, e = e.parentElement) {
        if (matches(e.innerText || '')) {
          if (shown(e)) consider(e, e, e.innerText);
          break;
        }
      }
    }
  }

  if (!best) {
    const regions = [];
    for (const e of document.querySelectorAll('canvas, img, svg, video, picture, object, embed, iframe, input[type=image]')) {
      if (regions.length >= 20) break;
      if (e.closest('svg') !== e && e.localName !== 'svg' && e.ownerSVGElement) continue;
      const r = e.getBoundingClientRect();
      if (r.width < 8 || r.height < 8 || !onScreen(r) || !shown(e)) continue;
      const x = Math.max(0, r.left), y = Math.max(0, r.top);
      regions.push({ x, y, width: Math.min(vw, r.right) - x, height: Math.min(vh, r.bottom) - y });
    }
    return { status: 'not_found', regions };
  }

  let rect = best.source.getClientRects ? firstRect(best.source) : null;
  if (!rect || !onScreen(rect)) {
    best.element.scrollIntoView({ block: 'center', inline: 'center', behavior: 'instant' });
    rect = best.source.getClientRects ? firstRect(best.source) : null;
    if (!rect) return { status: 'not_found', regions: [] };
  }

  const left = Math.max(0, rect.left), top = Math.max(0, rect.top);
  const right = Math.min(vw, rect.right), bottom = Math.min(vh, rect.bottom);
  const x = (left + right) / 2, y = (top + bottom) / 2;
  const hit = document.elementFromPoint(x, y);
  if (hit && hit !== best.element && !best.element.contains(hit) && !hit.contains(best.element)) {
    return { status: 'obscured', text: best.text, blocker: describe(hit) };
  }

  return { status: 'ok', x, y, text: best.text.slice(0, 200), target: describe(best.element) };
})
