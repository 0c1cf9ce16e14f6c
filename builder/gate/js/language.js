// WCAG 3.1.1 / 3.1.2: every piece of text with the language it is marked with. Code is not language.
window.__guidekit.languageRuns = function () {
  const g = window.__guidekit;
  const runs = [];
  // what web components draw in their shadow DOM too, in the language of the component's place
  for (const scope of g.textScopes()) {
    const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data.replace(/\s+/g, " ").trim();
      const parent = node.parentElement;
      if (!text || !parent || g.closestAcrossRoots(parent, "script, style, noscript, template, code, pre, kbd, samp, var, [translate='no']")) continue;
      const marked = g.closestAcrossRoots(parent, "[lang]");
      runs.push({ text: text.slice(0, 400), lang: marked ? marked.getAttribute("lang") : "", ...g.where(parent) });
    }
  }
  return { lang: document.documentElement.getAttribute("lang") || "", title: document.title, runs };
};
