// Navigator content extraction: the visible content of the page (composed tree, same-origin
// frames) as clean text or Markdown. Defines __navigatorContent.extract in our isolated world.
(() => {
  if (globalThis.__navigatorContent) {
    return;
  }

  const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head', 'meta', 'link', 'title', 'svg', 'canvas', 'button', 'select', 'textarea', 'input', 'option', 'datalist']);
  const BLOCK = new Set(['block', 'flex', 'grid', 'list-item', 'table', 'table-row', 'table-caption', 'flow-root', 'table-row-group', 'table-header-group', 'table-footer-group']);

  function extract(format, mainOnly) {
    const md = format === 'markdown';
    let root = document.body;
    if (mainOnly) {
      root = document.querySelector('main, [role=main]') || document.querySelector('article') || document.body;
    }
    if (!root) {
      return '';
    }

    function children(el, ctx) {
      let out = '';
      const parent = el.shadowRoot || el;
      if (el.localName === 'slot') {
        const assigned = el.assignedNodes();
        if (assigned.length) {
          for (const node of assigned) {
            out += render(node, ctx);
          }
          return out;
        }
      }
      for (let node = parent.firstChild; node; node = node.nextSibling) {
        out += render(node, ctx);
      }
      return out;
    }

    function oneLine(text) {
      return text.replace(/\s+/g, ' ').trim();
    }

    function escapeCell(text) {
      return oneLine(text).replace(/\|/g, '\\|');
    }

    function absolute(url, base) {
      try {
        return new URL(url, base).href;
      } catch {
        return url;
      }
    }

    function list(el, ctx, ordered) {
      let out = '\n';
      let number = Number(el.getAttribute('start')) || 1;
      const indent = '  '.repeat(ctx.depth);
      for (const item of el.children) {
        if (item.localName !== 'li') {
          continue;
        }
        const style = getComputedStyle(item);
        if (style.display === 'none' || style.visibility === 'hidden') {
          continue;
        }
        const body = children(item, { depth: ctx.depth + 1, pre: false }).replace(/\n{2,}/g, '\n').trim();
        if (!body) {
          continue;
        }
        const marker = ordered ? number++ + '. ' : '- ';
        out += indent + marker + body.replace(/\n(?!\s*(?:- |\d+\. ))/g, '\n' + indent + '  ') + '\n';
      }
      return out + '\n';
    }

    function table(el) {
      const rows = [];
      for (const row of el.rows) {
        const style = getComputedStyle(row);
        if (style.display === 'none') {
          continue;
        }
        const cells = [];
        for (const cell of row.cells) {
          cells.push(escapeCell(children(cell, { depth: 0, pre: false })));
        }
        if (cells.some((c) => c)) {
          rows.push(cells);
        }
      }
      if (!rows.length) {
        return '';
      }
      if (!md) {
        return '\n\n' + rows.map((cells) => cells.join(' | ')).join('\n') + '\n\n';
      }
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells) => '| ' + Array.from({ length: width }, (_, i) => cells[i] || '').join(' | ') + ' |';
      return '\n\n' + [line(rows[0]), '|' + ' --- |'.repeat(width), ...rows.slice(1).map(line)].join('\n') + '\n\n';
    }

    function render(node, ctx) {
      if (node.nodeType === 3) {
        return ctx.pre ? node.data : node.data.replace(/\s+/g, ' ');
      }
      if (node.nodeType !== 1) {
        return '';
      }
      const el = node;
      const tag = el.localName;
      if (SKIP.has(tag)) {
        if (tag === 'select') {
          const selected = el.selectedOptions && el.selectedOptions[0];
          return selected ? ' ' + oneLine(selected.text) + ' ' : '';
        }
        return '';
      }
      const style = getComputedStyle(el);
      if (style.display === 'none' || (style.visibility === 'hidden' && !el.firstElementChild)) {
        return '';
      }
      if (style.visibility === 'hidden') {
        // Children may be visible again; the element's own text is not.
        let out = '';
        for (let child = el.firstElementChild; child; child = child.nextElementSibling) {
          out += render(child, ctx);
        }
        return out;
      }
      switch (tag) {
        case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': {
          const text = oneLine(children(el, ctx));
          return text ? '\n\n' + (md ? '#'.repeat(Number(tag[1])) + ' ' : '') + text + '\n\n' : '';
        }
        case 'p':
          return '\n\n' + children(el, ctx).trim() + '\n\n';
        case 'br':
          return '\n';
        case 'hr':
          return md ? '\n\n---\n\n' : '\n\n';
        case 'a': {
          const text = oneLine(children(el, ctx));
          const href = el.getAttribute('href');
          if (!md || !text || !href || /^\s*javascript:/i.test(href) || href.startsWith('#')) {
            return text ? ' ' + text + ' ' : '';
          }
          return ' [' + text.replace(/[[\]]/g, '\\$&') + '](' + absolute(href, el.baseURI).replace(/\)/g, '%29') + ') ';
        }
        case 'img': {
          const alt = oneLine(el.getAttribute('alt') || '');
          if (!alt) {
            return '';
          }
          return md ? ' ![' + alt + '](' + absolute(el.getAttribute('src') || '', el.baseURI) + ') ' : ' ' + alt + ' ';
        }
        case 'strong': case 'b': {
          const text = oneLine(children(el, ctx));
          return text ? (md ? ' **' + text + '** ' : ' ' + text + ' ') : '';
        }
        case 'em': case 'i': {
          const text = oneLine(children(el, ctx));
          return text ? (md ? ' *' + text + '* ' : ' ' + text + ' ') : '';
        }
        case 'code':
          if (!ctx.pre) {
            const text = oneLine(el.textContent);
            return text ? (md ? ' `' + text + '` ' : ' ' + text + ' ') : '';
          }
          break;
        case 'pre': {
          const text = el.innerText.replace(/\n+$/, '');
          return md ? '\n\n```\n' + text + '\n```\n\n' : '\n\n' + text + '\n\n';
        }
        case 'ul': case 'menu':
          return list(el, ctx, false);
        case 'ol':
          return list(el, ctx, true);
        case 'table':
          return table(el);
        case 'blockquote': {
          const text = children(el, ctx).trim();
          return md ? '\n\n' + text.split('\n').map((line) => '> ' + line).join('\n') + '\n\n' : '\n\n' + text + '\n\n';
        }
        case 'iframe': case 'frame': {
          let doc = null;
          try {
            doc = el.contentDocument;
          } catch {
            doc = null;
          }
          return doc && doc.body ? '\n\n' + children(doc.body, ctx) + '\n\n' : '';
        }
        default:
          break;
      }
      const content = children(el, ctx);
      return BLOCK.has(style.display) ? '\n' + content + '\n' : content;
    }

    const raw = children(root, { depth: 0, pre: false });
    // Tidy: trim each line, collapse runs of spaces outside code fences and blank lines.
    const lines = [];
    let fenced = false;
    for (const rawLine of raw.split('\n')) {
      if (rawLine.trim().startsWith('```')) {
        fenced = !fenced;
        lines.push(rawLine.trim());
        continue;
      }
      if (fenced) {
        lines.push(rawLine);
        continue;
      }
      const indent = /^ */.exec(rawLine)[0];
      const body = rawLine.replace(/[ \t\u00a0]+/g, ' ').trim();
      const keepIndent = /^(?:- |\d+\. )/.test(body) && indent.length > 0 && indent.length % 2 === 0;
      lines.push(body ? (keepIndent ? indent : '') + body : '');
    }
    return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  }

  Object.defineProperty(globalThis, '__navigatorContent', { value: Object.freeze({ extract }), configurable: false });
})();
