// WCAG 2.5.8 / 2.5.5 Target size: the size and place of everything a finger can press.
// Which sizes are enough depends on the theme and is decided in targets.py.
window.__guidekit.targets = function () {
  const g = window.__guidekit;
  const roles = ["button", "link", "checkbox", "radio", "switch", "tab", "menuitem", "option"].map((role) => `[role="${role}"]`);
  const controls = ["button", "input:not([type='hidden'])", "select", "textarea", "summary", ...roles.filter((role) => !role.includes('"link"'))].join(", ");
  const selector = ["a[href]", "area[href]", controls, '[role="link"]'].join(", ");
  // the block a web component's inline control stands in may be outside its shadow DOM
  const blockOf = (element) => {
    let block = g.parentOf(element);
    while (block && block !== document.body && getComputedStyle(block).display === "inline") block = g.parentOf(block);
    return block;
  };
  // "in a sentence": an inline target whose block also holds text outside it (the WCAG inline exception)
  const inSentence = (element) => getComputedStyle(element).display === "inline" && g.text(blockOf(element)).length > g.text(element).length;
  // "label: target" and nothing after it is a labelled action on a line of its own (网上办理：<a>), not running
  // text, where a template or component draws it; an editor's own paragraph (data-line) is running text
  const labelled = (element) => {
    if (element.closest("[data-line]")) return false;
    const [before, after] = [document.createRange(), document.createRange()];
    before.selectNodeContents(blockOf(element));
    after.selectNodeContents(blockOf(element));
    before.setEndBefore(element);
    after.setStartAfter(element);
    return /[:：]\s*$/.test(before.toString()) && !after.toString().trim();
  };
  // The user agent exception: a target the page did not restyle keeps the size the browser gives it. On a page
  // with no styles of its own that is every target; otherwise a native control's twin with the page's styles
  // reverted shows that size (only small controls are compared).
  const unstyled = document.styleSheets.length === 0 && !document.querySelector("[style]");
  const agentSized = (element, rect) => {
    if (unstyled) return true;
    if (!element.matches("input, button, select, textarea") || (rect.width >= 24 && rect.height >= 24)) return false;
    const twin = element.cloneNode(true);
    twin.removeAttribute("id");
    twin.style.cssText = "all: revert; position: absolute; visibility: hidden;";
    element.after(twin);
    const plain = twin.getBoundingClientRect();
    twin.remove();
    return Math.abs(plain.width - rect.width) < 0.5 && Math.abs(plain.height - rect.height) < 0.5;
  };
  // The equivalent exception: another target on the page does the same (the same address, or the same name)
  const purpose = (element) => (element.matches("a[href], area[href]") ? `href ${element.href}`
    : `${element.tagName} ${(element.getAttribute("aria-label") || g.text(element) || element.value || "").trim()}`);
  // a tick box or radio inside its label is pressed anywhere on the label; one of no size or clipped to nothing
  // (drawn by its label, as GOV.UK's and Material for MkDocs' are) on its label on the page, and while it has
  // none, nowhere
  const pressedAt = (element) => {
    if (!element.matches("input")) return element;
    const around = element.closest("label");
    if (around) return around;
    const rect = element.getBoundingClientRect();
    const seen = rect.width >= 1 && rect.height >= 1 && !g.isClippedAway(element);
    return seen ? element : [...element.labels].find((label) => g.isRendered(label)) || null;
  };
  // what takes no pointer events, or is clipped to nothing, is pressed by no finger, whatever its size
  const inert = g.inertTest();
  const targets = g.deepQuery(selector).filter((element) => g.isRendered(element) &&
    !inert(element) && pressedAt(element) && getComputedStyle(pressedAt(element)).pointerEvents !== "none" &&
    !g.isClippedAway(pressedAt(element)));
  return targets.map((element) => {
    const pressed = pressedAt(element);
    const rect = g.boxOf(pressed);
    const isLabelled = inSentence(element) && labelled(element);
    // a labelled link wrapped over lines is pressed on one of them: its smallest line is its size
    const size = isLabelled ? [...element.getClientRects()].reduce((least, line) =>
      ({ width: Math.min(least.width, line.width), height: Math.min(least.height, line.height) }), rect) : rect;
    return {
      ...g.where(element),
      left: rect.left + scrollX, top: rect.top + scrollY, width: size.width, height: size.height,
      inline: inSentence(element),
      labelled: isLabelled,
      agentSized: (pressed === element || unstyled) && agentSized(element, rect),
      purpose: purpose(element),
    };
  });
};
