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
    for (const child of element.children) found = visit(child) || found;
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
    for (let above = element.parentElement; above && above !== document.body; above = above.parentElement) {
      if (getComputedStyle(above).position === "fixed") return true;
    }
    return false;
  };
  const scrolls = root.scrollWidth > width + 1;
  if (scrolls) for (const child of document.body.children) visit(child);

  const focusableInside = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const regions = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (style.position === "fixed" && offenders.length < 5 && cutOff(element)) {
      offenders.push({ ...g.where(element), right: Math.round(element.getBoundingClientRect().right), fixed: true });
    }
    if (!(style.overflowX === "auto" || style.overflowX === "scroll") || element.scrollWidth <= element.clientWidth + 1) continue;
    const named = Boolean((element.getAttribute("aria-label") || "").trim() || element.getAttribute("aria-labelledby"));
    const itself = element.tabIndex >= 0;
    const focusable = itself || Boolean(element.querySelector(focusableInside));
    regions.push({ ...g.where(element), named, focusable, itself });
  }
  // A table squeezed into the width instead of scrolling in its own region: a cell whose text
  // wraps into lines of fewer than 4 characters. One cell names each table.
  const squeezed = [];
  for (const table of document.querySelectorAll("table")) {
    const cell = [...table.querySelectorAll("td, th")].find((candidate) => {
      const style = getComputedStyle(candidate);
      const inner = candidate.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return g.isRendered(candidate) && g.text(candidate).replace(/\s/g, "").length >= 8 && inner < 4 * parseFloat(style.fontSize);
    });
    if (cell) squeezed.push(g.where(cell));
  }
  // A table wider than the box it sits in (its scrolling region, or the column): columns out of sight
  // that nothing on a phone shows are there, its scroll bars being drawn only while it scrolls
  const cut = [];
  for (const table of document.querySelectorAll("table")) {
    const [own, box] = [table.getBoundingClientRect().width, table.parentElement.clientWidth];
    if (g.isRendered(table) && own > box + 1) cut.push({ ...g.where(table), table: Math.round(own), box });
  }
  // Text squeezed beside something that keeps its width (an icon, a padded box): a block of four or
  // more characters of its own that wraps in lines narrower than 3 em, a character or a few letters
  // a line. Cells are the tables' own check; screen-reader-only text (clipped to 1 px) is not seen.
  const cramped = [];
  for (const element of document.body.querySelectorAll("*")) {
    const style = getComputedStyle(element);
    if (["inline", "contents", "none"].includes(style.display) || element.closest("td, th, rt, rp")) continue;
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
