// Targets smaller than MINIMUM CSS px either way, outside running text: every a, button, input,
// select, summary and textarea that is visible and is not one inline part of a sentence (a link
// whose block of text holds other words; "label: link" with nothing after it, drawn by a template or
// component, is a labelled action, not a sentence). Returns "tag text WxH" for each.
(minimum) => {
  const blockOf = (node) => {
    for (let e = node.parentElement; e; e = e.parentElement) {
      const display = getComputedStyle(e).display;
      if (!display.startsWith("inline") && display !== "contents") return e;
    }
    return document.body;
  };
  const words = (e) => (e.textContent || "").replace(/\s+/g, "");
  const small = [];
  for (const e of document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary")) {
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || e.closest("[hidden], .gk-visually-hidden")) continue;
    if (e.matches(".gk-skip-link")) continue;  // shown only on focus, checked focused by the gate
    const display = getComputedStyle(e).display;
    const block = blockOf(e);
    const at = words(block).lastIndexOf(words(e));
    const labelled = !e.closest("[data-line]") && /[:：]$/.test(words(block).slice(0, at)) && at + words(e).length === words(block).length;
    const inSentence = display.startsWith("inline") && !display.startsWith("inline-") && words(block) !== words(e) && !labelled;
    if (inSentence && block.closest("p, li, dd, td, th")) continue;
    if (box.width < minimum - 0.5 || box.height < minimum - 0.5) small.push(`${e.tagName.toLowerCase()} "${words(e).slice(0, 20)}" ${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  return small;
}
