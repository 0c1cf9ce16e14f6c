// Silver mode's own numbers (the README's "Silver pages" table), measured in the laid-out page:
// what axe does not check. Target sizes are targets.js's, with silver's sizes (targets.py).
window.__guidekit.silver = function (limits) {
  const g = window.__guidekit;
  const problems = [];
  const report = (check, element, value, limit) =>
    problems.push({ check, value: Math.round(value * 10) / 10, limit, ...g.where(element) });
  // visually hidden helpers (1 px clipped boxes) carry text for screen readers only
  const drawn = (element) => {
    const box = element.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && getComputedStyle(element).visibility !== "hidden";
  };
  const shown = (element) => drawn(element) && !element.closest("[aria-hidden=true]");
  const ownText = (element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
  const px = (value) => parseFloat(value) || 0;
  const lineHeight = (style) => (style.lineHeight === "normal" ? 1.2 * px(style.fontSize) : px(style.lineHeight));

  for (const element of document.body.querySelectorAll("*")) {
    if (element.closest("script, style") || !ownText(element)) continue;
    // a word's reading (pinyin over it) is hidden from screen readers, which say the word once, and
    // read by eye
    const reading = element.closest("rt");
    if (!(reading ? drawn(element) : shown(element))) continue;
    const style = getComputedStyle(element);
    const size = px(style.fontSize);
    const heading = element.closest("h1, h2, h3, h4, h5, h6");
    const minimum = reading ? limits.readingPx : heading ? limits.headingPx : limits.bodyPx;
    if (size < minimum - 0.01) report("font-size", element, size, minimum);
    if (style.textAlign === "justify") report("justified", element, 0, 0);
  }

  const blocks = [...document.querySelectorAll("main p, main li, main dd, main td, main th")].filter(shown);
  for (const block of blocks) {
    const style = getComputedStyle(block);
    const size = px(style.fontSize);
    if (lineHeight(style) / size < limits.lineHeight - 0.001) report("line-height", block, lineHeight(style) / size, limits.lineHeight);
    const latin = (block.closest("[lang]")?.lang || "").startsWith("en");
    const unit = latin ? limits.latinCharEm * size : size; // a CJK character is 1 em wide
    const width = block.clientWidth - px(style.paddingLeft) - px(style.paddingRight);
    // on a page guidekit did not make, a block whose text is shorter than a line cannot make one
    // too long (a label in a wide column)
    const characters = limits.wholeColumn ? width / unit : Math.min(width / unit, g.text(block).length);
    const limit = latin ? limits.latinLine : limits.cjkLine;
    if (characters > limit + 0.5) report("line-length", block, characters, limit);
  }

  // two paragraphs in a row, whoever styled them: a material's facts 0 px apart read as one
  // sentence. A component's paragraph before a list (its hint, its label) leads into that list.
  for (const paragraph of document.querySelectorAll("main p")) {
    const next = paragraph.nextElementSibling;
    const apart = paragraph.matches("[class]") ? "p" : "p, ul, ol, dl";
    if (!next || !next.matches(apart) || !shown(paragraph) || !shown(next)) continue;
    const gap = next.getBoundingClientRect().top - paragraph.getBoundingClientRect().bottom;
    const needed = limits.paragraphGap * lineHeight(getComputedStyle(paragraph));
    if (gap < needed - 0.5) report("paragraph-gap", paragraph, gap, Math.round(needed));
  }

  for (const element of document.querySelectorAll("dialog, [popover], [role=dialog], [role=alertdialog], body *")) {
    const overlay = ["fixed", "sticky"].includes(getComputedStyle(element).position) && shown(element);
    if (overlay || element.matches("dialog, [popover], [role=dialog], [role=alertdialog]")) report("pop-up", element, 0, 0);
  }
  return problems;
};
