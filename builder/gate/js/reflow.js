// WCAG 1.4.10 Reflow, read at the narrow width the gate sets: which elements make the page scroll sideways,
// and which regions scroll sideways on their own (they must be focusable and named).
window.__guidekit.reflow = function () {
  const g = window.__guidekit;
  const root = document.documentElement;
  const width = root.clientWidth;
  const rtl = getComputedStyle(root).direction === "rtl";
  const clips = (style) => style.overflowX !== "visible";
  const sticksOut = (rect) => (rtl ? rect.left < -1 : rect.right > width + 1);
  const offenders = [];
  // WCAG 1.4.10 exempts content that needs two dimensions to be used or understood: data tables, maps,
  // images, diagrams, video. They may be wider than the screen; what makes them so is not an offender.
  const twoDimensional = "table:not([role='presentation']):not([role='none']), [role='table'], [role='grid'], [role='treegrid'], " +
    "img, svg, canvas, video, iframe, object, embed, [role='img'], [role='application']";
  let exempt = 0;

  // Outermost elements past the edge, outside any box that scrolls or clips them; failing that, the
  // innermost element whose own content (a long word, a wide image) spills past the edge.
  const visit = (element) => {
    if (!g.isRendered(element)) return false;
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    if (element.matches(twoDimensional) && (sticksOut(rect) || rect.left + element.scrollWidth > width + 1)) {
      exempt += 1;
      return true;
    }
    if (style.position !== "fixed" && sticksOut(rect)) {
      offenders.push({ ...g.where(element), right: Math.round(rect.right + scrollX) });
      return true;
    }
    if (clips(style)) return false;
    let found = false;
    // into what web components draw, and what the page puts in their slots, where it is drawn
    for (const child of g.drawnChildren(element)) found = visit(child) || found;
    const spills = rtl ? element.scrollWidth > element.clientWidth + 1 && rect.right - element.scrollWidth < -1
                       : rect.left + element.scrollWidth > width + 1;
    if (!found && style.display !== "inline" && element.clientWidth > 0 && spills) {
      offenders.push({ ...g.where(element), right: Math.round(rect.left + element.scrollWidth) });
      return true;
    }
    return found;
  };
  // A box fixed to the window makes nothing scroll: its text that the window's edge cuts (at
  // 320 x 640, either edge) is out of reach. Judged on the outermost fixed box that is partly on
  // the screen (a drawer kept off it until opened loses nothing); text a box inside it clips, or
  // scrolls within the screen, is that box's own.
  const height = root.clientHeight;
  const cutOff = (fixed) => {
    const box = fixed.getBoundingClientRect();
    if (!g.isRendered(fixed) || box.right <= 0 || box.left >= width || box.bottom <= 0 || box.top >= height) return false;
    if (hasFixedAncestor(fixed)) return false;
    const texts = document.createTreeWalker(fixed, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let text = texts.nextNode(); text; text = texts.nextNode()) {
      if (!text.data.trim() || !g.isRendered(text.parentElement)) continue;
      range.selectNodeContents(text);
      for (const line of range.getClientRects()) {
        let { left, right, top, bottom } = line;
        for (let inside = text.parentElement; inside !== fixed.parentElement; inside = inside.parentElement) {
          const style = getComputedStyle(inside);
          if (style.overflowX === "visible" && style.overflowY === "visible") continue;
          const clip = inside.getBoundingClientRect();
          [left, right, top, bottom] = [Math.max(left, clip.left), Math.min(right, clip.right), Math.max(top, clip.top), Math.min(bottom, clip.bottom)];
        }
        if (right <= left || bottom <= top) continue; // clipped away inside the box, not by the screen
        // a line the screen's edge cuts through; one wholly off it is kept there on purpose (a skip
        // link until it is focused, a logo's words moved aside)
        const across = (start, end, size) => (start < size && end > size + 1) || (start < -1 && end > 0);
        if (across(left, right, width) || across(top, bottom, height)) return true;
      }
    }
    return false;
  };
  const hasFixedAncestor = (element) => {
    for (let above = g.parentOf(element); above && above !== document.body; above = g.parentOf(above)) {
      if (getComputedStyle(above).position === "fixed") return true;
    }
    return false;
  };
  const scrolls = root.scrollWidth > width + 1;
  if (scrolls) for (const child of document.body.children) visit(child);

  const focusableInside = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const regions = [];
  for (const element of g.deepQuery("*", document.body)) {
    const style = getComputedStyle(element);
    if (style.position === "fixed" && offenders.length < 5 && cutOff(element)) {
      offenders.push({ ...g.where(element), right: Math.round(element.getBoundingClientRect().right), fixed: true });
    }
    if (!(style.overflowX === "auto" || style.overflowX === "scroll") || element.scrollWidth <= element.clientWidth + 1) continue;
    const named = Boolean((element.getAttribute("aria-label") || "").trim() || element.getAttribute("aria-labelledby"));
    const itself = element.tabIndex >= 0;
    const focusable = itself || g.deepQuery(focusableInside, element).length > 0;
    regions.push({ ...g.where(element), named, focusable, itself });
  }
  // The text a reader sees in an element, words clipped away for screen readers alone left out: how many
  // characters, and whether a line breaks inside a word, between two characters with no space or hyphen
  // between them (a Chinese phrase cut a few characters a line, an English word split), not only between words
  // ("2013 / to / 2014").
  const seenText = (element) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let [length, brokenWords, last] = [0, false, null]; // last: the character before, and its line's bottom
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!g.isRendered(node.parentElement) || g.isClippedAway(node.parentElement)) continue;
      for (let at = 0; at < node.data.length; at++) {
        const character = node.data[at];
        if (/\s/.test(character)) { last = null; continue; }
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        const [box] = range.getClientRects();
        if (!box) continue;
        length += 1;
        brokenWords = brokenWords || Boolean(last && box.top >= last.bottom - 1 && !/[-\u00ad\u2010/]/.test(last.character));
        last = { character, bottom: box.bottom };
      }
    }
    return { length, brokenWords };
  };
  // A table squeezed into the width instead of scrolling in its own region: a cell of 8 characters or more
  // under 4 em wide. One cell names each table, one that breaks its words if any does.
  const squeezed = [];
  for (const table of g.deepQuery("table")) {
    const cells = [...table.querySelectorAll("td, th")].filter((cell) => {
      const style = getComputedStyle(cell);
      const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return g.isRendered(cell) && inner < 4 * parseFloat(style.fontSize) && g.text(cell).replace(/\s/g, "").length >= 8;
    }).map((cell) => [cell, seenText(cell)]).filter(([, seen]) => seen.length >= 8);
    const [cell, seen] = cells.find(([, candidate]) => candidate.brokenWords) || cells[0] || [];
    if (cell) squeezed.push({ ...g.where(cell), brokenWords: seen.brokenWords });
  }
  // A table wider than the box it sits in (its scrolling region, or the column): columns out of sight
  // that nothing on a phone shows are there, its scroll bars being drawn only while it scrolls
  const cut = [];
  for (const table of g.deepQuery("table")) {
    const [own, box] = [table.getBoundingClientRect().width, g.parentOf(table).clientWidth];
    if (g.isRendered(table) && own > box + 1) cut.push({ ...g.where(table), table: Math.round(own), box });
  }
  // Text squeezed beside something that keeps its width (an icon, a padded box): a block of four or
  // more characters of its own that wraps in lines narrower than 3 em, a character or a few letters
  // a line. Cells are the tables' own check; screen-reader-only text (clipped to 1 px) is not seen.
  const cramped = [];
  for (const element of g.deepQuery("*", document.body)) {
    const style = getComputedStyle(element);
    if (["inline", "contents", "none"].includes(style.display) || g.drawnInside(element, "td, th, rt, rp")) continue;
    const own = [...element.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.data).join("");
    if (own.replace(/\s/g, "").length < 4 || element.clientWidth <= 1 || !g.isRendered(element)) continue;
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === "normal" ? 1.2 * size : parseFloat(style.lineHeight);
    const inner = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const text = document.createRange();
    text.selectNodeContents(element);
    if (inner < 3 * size && text.getBoundingClientRect().height > 1.5 * line) cramped.push({ ...g.where(element), em: Math.round((inner / size) * 10) / 10 });
  }
  return { width, scrollWidth: root.scrollWidth, scrolls, offenders: offenders.slice(0, 5), exempt, regions, squeezed, cut, cramped: cramped.slice(0, 5) };
};
