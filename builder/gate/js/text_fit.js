// WCAG 1.4.4 Resize text and 1.4.12 Text spacing: change the text in place, look for text that is now
// clipped or drawn over other text, and put everything back. Only problems the change causes count.
window.__guidekit.textFit = {
  ids: new WeakMap(),
  next: 0,

  identity(element) {
    if (!this.ids.has(element)) this.ids.set(element, ++this.next);
    return this.ids.get(element);
  },

  // Screen-reader-only text is clipped on purpose.
  hiddenOnPurpose(element, memo) {
    if (!element || element === document.body) return false;
    if (memo.has(element)) return memo.get(element);
    const style = getComputedStyle(element);
    const rect = element.getBoundingClientRect();
    const hidden = (style.clip && style.clip !== "auto") || (style.clipPath && style.clipPath !== "none") ||
      (rect.width <= 1 && rect.height <= 1) || this.hiddenOnPurpose(window.__guidekit.parentOf(element), memo);
    memo.set(element, hidden);
    return hidden;
  },

  // Text of one block may wrap around its own inline elements; only text of two blocks must not meet. (Here and
  // below, a web component's shadow DOM is inside the boxes around the component.)
  blockOf(element) {
    let node = element;
    while (node && node !== document.body && ["inline", "contents"].includes(getComputedStyle(node).display)) {
      node = window.__guidekit.parentOf(node);
    }
    return node;
  },

  // The nearest box fixed to the window that holds element, else null.
  fixedBoxOf(element) {
    for (let node = element; node && node !== document.body; node = window.__guidekit.parentOf(node)) {
      if (getComputedStyle(node).position === "fixed") return node;
    }
    return null;
  },

  // Where a block's text can show: a box around it that scrolls or clips its content (a side menu's own
  // scrolling column) cuts off what lies past its edges, which is then drawn over nothing there.
  clipOf(block) {
    const clip = { top: -Infinity, bottom: Infinity, left: -Infinity, right: Infinity };
    for (let node = block; node && node !== document.body; node = window.__guidekit.parentOf(node)) {
      const style = getComputedStyle(node);
      const box = node.getBoundingClientRect();
      if (style.overflowX !== "visible") [clip.left, clip.right] = [Math.max(clip.left, box.left), Math.min(clip.right, box.right)];
      if (style.overflowY !== "visible") [clip.top, clip.bottom] = [Math.max(clip.top, box.top), Math.min(clip.bottom, box.bottom)];
      if (style.position === "fixed") break; // the boxes around it do not clip it
    }
    return clip;
  },

  // Text under a box fixed to the window (a cookie notice at its foot) is only drawn over for the
  // moment when scrolling the page can bring it, whole, out from under the box: below it, or above
  // it, within the window. A bar fixed to the top over the page's first lines covers them for good.
  scrollsFree(text, box) {
    const scroller = document.scrollingElement;
    const up = scroller.scrollTop;
    const down = scroller.scrollHeight - scroller.clientHeight - up;
    const height = text.bottom - text.top;
    const below = text.top - box.bottom >= -up && box.bottom + height <= window.innerHeight;
    const above = text.bottom - box.top <= down && box.top - height >= 0;
    return below || above;
  },

  measure() {
    const g = window.__guidekit;
    const problems = new Map();
    const memo = new Map();
    for (const element of g.deepQuery("*", document.body)) {
      const style = getComputedStyle(element);
      const clipsX = style.overflowX === "hidden" || style.overflowX === "clip";
      const clipsY = style.overflowY === "hidden" || style.overflowY === "clip";
      if (!(clipsX || clipsY) || !g.isRendered(element) || !g.text(element) || this.hiddenOnPurpose(element, memo)) continue;
      if ((clipsX && element.scrollWidth > element.clientWidth + 1) || (clipsY && element.scrollHeight > element.clientHeight + 1)) {
        problems.set(`clipped:${this.identity(element)}`, { kind: "clipped", ...g.where(element) });
      }
    }
    const rects = [];
    const range = document.createRange();
    // the block of each parent element, null where its text does not count: most parents hold several
    // text nodes
    const blocks = new Map();
    const blockOfText = (parent) => {
      if (!blocks.has(parent)) {
        blocks.set(parent, g.isRendered(parent) && !this.hiddenOnPurpose(parent, memo) ? this.blockOf(parent) : null);
      }
      return blocks.get(parent);
    };
    const clips = new Map();
    const clipOf = (block) => {
      if (!clips.has(block)) clips.set(block, this.clipOf(block));
      return clips.get(block);
    };
    const fixedBoxes = new Map();
    const fixedOf = (block) => {
      if (!fixedBoxes.has(block)) fixedBoxes.set(block, this.fixedBoxOf(block));
      return fixedBoxes.get(block);
    };
    // a box fixed wholly outside the window (a drawer until it is opened) is seen by nobody, nor
    // anything it meets there: the page scrolls, and it stays where it is
    const outside = new Map();
    const outOfWindow = (box) => {
      if (!outside.has(box)) {
        const r = box.getBoundingClientRect();
        outside.set(box, r.right <= 0 || r.bottom <= 0 || r.left >= innerWidth || r.top >= innerHeight);
      }
      return outside.get(box);
    };
    // the page's text, and the text web components draw in their shadow DOM
    for (const scope of [document.body, ...g.shadowScopes()]) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        const block = node.data.trim() && parent ? blockOfText(parent) : null;
        if (!block) continue;
        const fixed = fixedOf(block);
        if (fixed && outOfWindow(fixed)) continue;
        range.selectNodeContents(node);
        const clip = clipOf(block);
        for (const rect of range.getClientRects()) {
          const [top, bottom] = [Math.max(rect.top, clip.top), Math.min(rect.bottom, clip.bottom)];
          const [left, right] = [Math.max(rect.left, clip.left), Math.min(rect.right, clip.right)];
          if (right - left >= 1 && bottom - top >= 1) rects.push({ block, fixed, top, bottom, left, right });
        }
      }
    }
    rects.sort((a, b) => a.top - b.top);
    for (let i = 0; i < rects.length; i++) {
      const a = rects[i];
      for (let j = i + 1; j < rects.length && rects[j].top < a.bottom; j++) {
        const b = rects[j];
        if (a.block === b.block) continue;
        if (Boolean(a.fixed) !== Boolean(b.fixed)) { // one in a fixed box, the other in the page
          const [text, box] = a.fixed ? [b, a.fixed] : [a, b.fixed];
          if (this.scrollsFree(text, box.getBoundingClientRect())) continue;
        }
        const across = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const down = Math.min(a.bottom, b.bottom) - b.top; // sorted: b starts at or below a
        if (across > 2 && down > 2 && down > 0.25 * Math.min(a.bottom - a.top, b.bottom - b.top)) {
          const [first, second] = [a.block, b.block].sort((x, y) => this.identity(x) - this.identity(y));
          const key = `overlap:${this.identity(first)}:${this.identity(second)}`;
          if (!problems.has(key)) problems.set(key, { kind: "overlap", ...g.where(second), other: g.where(first) });
        }
      }
    }
    return problems;
  },

  // 1.4.12: line height 1.5, paragraph spacing 2, letter spacing 0.12 and word spacing 0.16 (em).
  spacing() {
    return window.__guidekit.overrideStyles(
      "* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }" +
      " p { margin-block-end: 2em !important; }");
  },

  // 1.4.4: every element's text twice as large, the way a browser's text-only zoom does it.
  zoom() {
    const elements = [document.documentElement, document.body, ...window.__guidekit.deepQuery("*", document.body)];
    const sizes = elements.map((element) => parseFloat(getComputedStyle(element).fontSize));
    const saved = elements.map((element) => [element.style.getPropertyValue("font-size"), element.style.getPropertyPriority("font-size")]);
    elements.forEach((element, index) => element.style.setProperty("font-size", `${sizes[index] * 2}px`, "important"));
    return () => elements.forEach((element, index) => {
      if (saved[index][0]) element.style.setProperty("font-size", saved[index][0], saved[index][1]);
      else element.style.removeProperty("font-size");
    });
  },

  // Each change (a method above) against one measure of the page as it is, the page put back after
  // each: name -> up to 10 problems only that change causes.
  compare(changes) {
    const before = this.measure();
    const found = {};
    for (const change of changes) {
      const undo = this[change]();
      try {
        found[change] = [...this.measure()].filter(([key]) => !before.has(key)).map(([, problem]) => problem).slice(0, 10);
      } finally {
        undo();
      }
    }
    return found;
  },
};
