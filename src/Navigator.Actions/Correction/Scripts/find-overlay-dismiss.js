// Finds what covers the element (`this`) or the viewport point opts.{x, y} (or the middle of the
// viewport), climbs from it to the overlay (a dialog, a fixed or sticky layer, a consent banner),
// and picks the button that dismisses it: a close button first, then, for a cookie/consent
// banner only, one that declines or accepts. Never a button whose name sounds destructive.
// Returns { status: 'ok', x, y, name, kind: 'close'|'decline'|'accept', overlay, consent, modal }
// in top-level viewport CSS pixels, or { status: 'none', overlay, consent, modal, reason }.
function findOverlayDismiss(opts) {
  const doc = this && this.ownerDocument ? this.ownerDocument : document;
  const view = doc.defaultView;
  let x = opts && typeof opts.x === 'number' ? opts.x : view.innerWidth / 2;
  let y = opts && typeof opts.y === 'number' ? opts.y : view.innerHeight / 2;
  let target = null;
  if (this && this.nodeType === 1 && this.isConnected) {
    target = this;
    const r = target.getBoundingClientRect();
    x = Math.min(Math.max(r.left + r.width / 2, 0), view.innerWidth - 1);
    y = Math.min(Math.max(r.top + r.height / 2, 0), view.innerHeight - 1);
  }
  const hit = hitAt(doc, x, y, target ? shadowRootsOf(target) : []);
  if (!hit || (target && composedContains(target, hit))) {
    return { status: 'none', overlay: 'nothing', consent: false, modal: false, reason: 'nothing covers it' };
  }

  const CONSENT = /cookie|consent|gdpr|privacy|tracking|personal data|cmp/i;
  const layered = (e) => {
    const s = view.getComputedStyle(e);
    return s.position === 'fixed' || s.position === 'sticky' || (s.position === 'absolute' && (parseInt(s.zIndex, 10) || 0) > 0);
  };
  const dialogLike = (e) => e.localName === 'dialog' || /^(dialog|alertdialog)$/.test(e.getAttribute('role') || '') || e.getAttribute('aria-modal') === 'true';
  const consentLike = (e) => CONSENT.test((e.id || '') + ' ' + (typeof e.className === 'string' ? e.className : '') + ' ' + (e.getAttribute('aria-label') || ''))
    || CONSENT.test((e.innerText || '').slice(0, 2000));

  // The outermost layer that holds the hit point but not the target.
  let overlay = null;
  for (let n = hit; n && n !== doc.body && n !== doc.documentElement; n = n.parentElement || (n.getRootNode() && n.getRootNode().host)) {
    if (target && composedContains(n, target)) {
      break;
    }
    if (dialogLike(n) || layered(n) || consentLike(n) && n.getBoundingClientRect().width >= view.innerWidth * 0.5) {
      overlay = n;
    }
  }
  if (!overlay) {
    return { status: 'none', overlay: describeElement(hit), consent: false, modal: false, reason: 'the cover is not an overlay (no dialog or fixed layer)' };
  }
  // A backdrop's dialog is often a sibling: look for a visible dialog or consent layer on the page.
  let scope = overlay;
  if (!scope.querySelector('button, [role="button"], a, input[type="button"], input[type="submit"]')) {
    const other = [...doc.querySelectorAll('dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"]')].find(isVisible);
    if (other) {
      scope = other;
    }
  }
  const consent = consentLike(scope) || consentLike(overlay);
  const modal = dialogLike(scope) || dialogLike(overlay);

  const CLOSE = /^(×|✕|✖|╳|x|close|close (dialog|banner|modal|popup|window|this)|dismiss|no,? thanks|not now|maybe later|skip|hide|continue without (accepting|agreeing))$/i;
  const DECLINE = /^(reject( all)?( cookies)?|decline( all)?( cookies)?|refuse( all)?|deny|only (necessary|essential)( cookies)?|(use )?(necessary|essential|required) (cookies )?only|accept (only )?(necessary|essential|required)( cookies)?)$/i;
  const ACCEPT = /^(accept( all)?( cookies)?|agree|i agree|allow( all)?( cookies)?|ok|okay|got it|i understand|understood|accept (&|and) (close|continue)|agree (&|and) (close|continue))$/i;
  const DESTRUCTIVE = /delete|remove|erase|destroy|pay|buy|purchase|order|checkout|subscribe|sign ?out|log ?out|confirm|submit|send|transfer|discard|leave|cancel (my|your|the)/i;
  const nameOf = (e) => (e.getAttribute('aria-label') || e.innerText || e.value || e.title || '').replace(/\s+/g, ' ').trim();
  const closeHint = (e) => /(^|[-_ ])(close|dismiss)([-_ ]|$)/i.test((e.id || '') + ' ' + (typeof e.className === 'string' ? e.className : '') + ' ' + (e.getAttribute('data-dismiss') || '') + ' ' + (e.getAttribute('aria-label') || ''));

  const candidates = [];
  for (const e of scope.querySelectorAll('button, [role="button"], a, input[type="button"], input[type="submit"], [aria-label]')) {
    if (!isVisible(e) || (e.matches(':disabled'))) {
      continue;
    }
    const name = nameOf(e);
    if (name && DESTRUCTIVE.test(name)) {
      continue;
    }
    let kind = null;
    let rank = 9;
    if (CLOSE.test(name) || (closeHint(e) && name.length <= 20)) {
      kind = 'close';
      rank = 0;
    } else if (consent && DECLINE.test(name)) {
      kind = 'decline';
      rank = 1;
    } else if (consent && ACCEPT.test(name)) {
      kind = 'accept';
      rank = 2;
    }
    if (kind) {
      candidates.push({ e, name: name || 'close', kind, rank });
    }
  }
  candidates.sort((a, b) => a.rank - b.rank);
  for (const c of candidates) {
    const r = c.e.getBoundingClientRect();
    const cx = Math.min(Math.max(r.left + r.width / 2, 0), view.innerWidth - 1);
    const cy = Math.min(Math.max(r.top + r.height / 2, 0), view.innerHeight - 1);
    const top = hitAt(doc, cx, cy);
    if (top && (composedContains(c.e, top) || composedContains(top, c.e))) {
      return { status: 'ok', x: cx, y: cy, name: c.name.slice(0, 60), kind: c.kind, overlay: describeElement(scope), consent, modal };
    }
  }
  return { status: 'none', overlay: describeElement(scope), consent, modal, reason: 'it has no close button' + (consent ? ', nor one that declines or accepts' : '') };
}
