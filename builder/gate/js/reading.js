// What a reader meets in the text itself, measured in the laid-out page (reading.py): read-aloud that
// skips visible text, pinyin without <rp> or too small to read, tables nobody named, lines too long,
// a 404 page whose addresses only work from its own folder, a page titled like its twin in the other
// theme, and whether the page declares a dark colour scheme (then the gate checks it dark too).
window.__guidekit.reading = {
  // the blocks a sentence of running text is laid out in
  blocks: "p, li, td, th, dd, dt, caption, figcaption, blockquote, h1, h2, h3, h4, h5, h6",

  // Visible text: rendered, not pinyin, not the read-aloud controls, and holding a letter or character.
  visibleTexts(root) {
    const g = window.__guidekit, texts = [];
    const shown = new Map(); // parent element -> whether its text shows (most hold several text nodes)
    const shows = (parent) => !parent.closest("rt, rp, script, style, [data-gk-read-aloud]") && g.isRendered(parent) &&
      !parent.closest(".gk-visually-hidden");
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      const parent = node.parentElement;
      if (!/[\p{L}\p{N}]/u.test(node.data)) continue;
      if (!shown.has(parent)) shown.set(parent, shows(parent));
      if (shown.get(parent)) texts.push(node);
    }
    return texts;
  },

  // The header a data cell sits under, as a screen reader announces it: the <th> of the cell's column
  // in the table's header row (its <thead>, else a first row of <th> only); its visible text.
  columnHeader(cell) {
    const table = cell.closest("table"), row = cell.parentElement;
    const first = table.rows[0];
    const header = table.tHead?.rows[0] || (first && first !== row && [...first.cells].every((c) => c.tagName === "TH") ? first : null);
    if (!header || header === row) return "";
    let column = 0;
    for (let previous = cell.previousElementSibling; previous; previous = previous.previousElementSibling) column += previous.colSpan;
    let start = 0;
    for (const th of header.cells) {
      if (column < start + th.colSpan) return th.tagName === "TH" ? this.visibleTexts(th).map((node) => node.data).join("") : "";
      start += th.colSpan;
    }
    return "";
  },

  // The sentence being read stays where the reader sees it: read-aloud's own hook highlights each utterance
  // in turn as reading does (window.__guidekitReadAlong(): its block, its text and the box of that text
  // once scrolled to); a text outside the window, or cut by its edge where it would fit, is lost to a
  // reader following the highlight. Asked in read_along.py's window; the page's scroll is put back.
  readAlongHidden() {
    const g = window.__guidekit, [x, y] = [scrollX, scrollY];
    const shown = (low, high, size) => Math.min(high, size) - Math.max(low, 0) >= Math.min(high - low, size) - 1;
    const hidden = window.__guidekitReadAlong().filter(({ box }) =>
      !(shown(box.top, box.bottom, innerHeight) && shown(box.left, box.right, innerWidth)));
    scrollTo(x, y);
    return hidden.slice(0, 3).map(({ block, text }) => ({ check: "read-along-hidden", ...g.where(block), text: text.slice(0, 40) }));
  },

  // Every visible text of main must be in read-aloud's own reading list, in reading order, and be
  // spoken in its own language (the list's items: a string, spoken in the page's language, or
  // { text, lang, spoken }: spoken is what the voice says, when it is not the text). A data cell is
  // spoken with its column header ("多久拿到：當場"): a run of bare cells tells a listener nothing.
  readAloudGaps() {
    const g = window.__guidekit, main = document.querySelector("main");
    const control = document.querySelector("[data-gk-read-aloud]");
    if (!main || !control) return [];
    if (typeof window.__guidekitReadingList !== "function") return [{ check: "read-aloud-no-list", ...g.where(control) }];
    const squeeze = (text) => text.replace(/\s+/g, "");
    const pageLang = document.documentElement.getAttribute("lang") || "";
    const items = window.__guidekitReadingList().map((item) => (typeof item === "string" ? { text: item, lang: pageLang } : item));
    // a closed answer (<details>) must be read too, after its question: a listener cannot open it
    // (an outside audit heard five questions and no answer). Asked of the list with them closed, as a
    // reader presses play; opened only to list the texts to find in it.
    const folded = [...main.querySelectorAll("details:not([open])")];
    folded.forEach((details) => { details.open = true; });
    let texts;
    try {
      texts = this.visibleTexts(main);
    } finally {
      folded.forEach((details) => { details.open = false; });
    }
    const ends = []; // where each item's text ends in the squeezed whole
    let spoken = "";
    for (const item of items) ends.push((spoken += squeeze(item.text)).length);
    const gaps = [], cells = new Set();
    let at = 0, item = 0;
    for (const node of texts) {
      const text = squeeze(node.data);
      const found = spoken.indexOf(text, at);
      if (found < 0) {
        gaps.push({ check: "read-aloud-skips", ...g.where(node.parentElement), text: node.data.trim().slice(0, 40) });
        continue;
      }
      at = found + text.length;
      const lang = (node.parentElement.closest("[lang]")?.getAttribute("lang") || "").toLowerCase();
      while (ends[item] <= found) item += 1;
      const cell = node.parentElement.closest("td");
      if (cell && !cells.has(cell)) {
        cells.add(cell);
        const header = squeeze(this.columnHeader(cell));
        if (header && !squeeze(items[item].spoken || items[item].text).includes(header)) {
          const said = this.visibleTexts(cell).map((text) => text.data).join("").trim();
          gaps.push({ check: "read-aloud-table-headers", ...g.where(cell), text: said.slice(0, 40), part: header });
        }
      }
      // every item that speaks a letter or digit of this text (punctuation goes with either side)
      for (let i = item; lang && i < items.length && (i === item || ends[i - 1] < at); i += 1) {
        const shared = spoken.slice(Math.max(found, i ? ends[i - 1] : 0), Math.min(at, ends[i]));
        if ((items[i].lang || "").toLowerCase() === lang || !/[\p{L}\p{N}]/u.test(shared)) continue;
        gaps.push({ check: "read-aloud-language", ...g.where(node.parentElement), text: node.data.trim().slice(0, 40), part: lang, spoken: items[i].lang || "" });
        break;
      }
    }
    return gaps.slice(0, 5);
  },

  ruby(theme) {
    const g = window.__guidekit, problems = [];
    const least = theme === "silver" ? 0.6 : 0.5;
    for (const ruby of document.querySelectorAll("body ruby")) {
      const rt = ruby.querySelector("rt");
      if (ruby.querySelectorAll("rp").length < 2) problems.push({ check: "ruby-rp", ...g.where(ruby) });
      if (rt) {
        const ratio = parseFloat(getComputedStyle(rt).fontSize) / parseFloat(getComputedStyle(ruby).fontSize);
        if (ratio < least - 0.01) problems.push({ check: "ruby-rt-size", value: Math.round(ratio * 100), limit: least * 100, ...g.where(ruby) });
        const word = this.rubyWordOffItsLine(ruby, rt);
        if (word) problems.push({ check: "ruby-misplaced", text: word, ...g.where(ruby) });
      }
    }
    return problems;
  },

  // The word of a <ruby> when its reading stands on the line of the text beside it and the word
  // itself below that line: laid out inside a flex or grid box (a link made a tap target), a
  // reading sits where the word should and pushes the word down.
  rubyWordOffItsLine(ruby, rt) {
    const reading = rt.getBoundingClientRect();
    const words = [...ruby.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE && node.data.trim());
    if (!reading.height || !words.length) return null;
    const range = document.createRange();
    range.setStart(words[0], 0);
    range.setEnd(words[words.length - 1], words[words.length - 1].data.length);
    const word = range.getBoundingClientRect();
    const block = ruby.parentElement.closest(this.blocks) || ruby.parentElement;
    for (const beside of [this.characterBeside(ruby, block, -1), this.characterBeside(ruby, block, 1)]) {
      if (!beside) continue;
      const onItsLine = reading.top < beside.bottom - 1 && reading.bottom > beside.top + 1;
      if (onItsLine && word.top >= beside.bottom - 1) return range.toString().trim();
    }
    return null;
  },

  // Whether the text of ``block`` goes on after ``element`` in the same lines: its next visible text is not
  // in a block of its own (a guide list's summary under its link is not).
  sentenceGoesOn(element, block) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const follows = element.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING;
      if (!follows || element.contains(node) || !node.data.trim() || node.parentElement.closest("rt, rp")) continue;
      for (let parent = node.parentElement; parent !== block; parent = parent.parentElement) {
        if (!getComputedStyle(parent).display.startsWith("inline")) return false;
      }
      return true;
    }
    return false;
  },

  // The box of the nearest visible character of ``block`` before (-1) or after (1) ``element``; ``inside``:
  // of ``element``'s own text (its first or last character).
  characterBeside(element, block, side, inside = false) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const texts = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (element.contains(node) !== inside || !node.data.trim() || node.parentElement.closest("rt, rp")) continue;
      const before = !inside && element.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_PRECEDING;
      if (side < 0 ? before : !before) texts.push(node);
    }
    const text = side < 0 ? texts[texts.length - 1] : texts[0];
    if (!text) return null;
    const at = side < 0 ? text.data.trimEnd().length - 1 : text.data.length - text.data.trimStart().length;
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + 1);
    const box = range.getBoundingClientRect();
    return box.height ? box : null;
  },

  // A table is named by its caption, its own aria-label(ledby), or the named region or figure that
  // holds only it (a scrolling region labelled with the heading it sits under).
  unnamedTables() {
    const g = window.__guidekit;
    const named = (element) => !!element && (!!(element.getAttribute("aria-label") || "").trim() ||
      (element.getAttribute("aria-labelledby") || "").split(/\s+/).some((id) => id && document.getElementById(id) && g.text(document.getElementById(id))));
    return [...document.querySelectorAll("table")]
      .filter((table) => !["presentation", "none"].includes(table.getAttribute("role")))
      .filter((table) => {
        const holder = table.parentElement.closest("[role=region], figure");
        const holderNamed = holder && holder.querySelectorAll("table").length === 1 &&
          (named(holder) || (holder.tagName === "FIGURE" && holder.querySelector("figcaption") && g.text(holder.querySelector("figcaption"))));
        return !(table.caption && g.text(table.caption)) && !named(table) && !holderNamed;
      })
      .map((table) => ({ check: "table-unnamed", ...g.where(table) }));
  },

  // Characters a line can hold: CJK characters are 1 em wide; Latin ones as wide as the block's own
  // text averages in its font. A block whose text is shorter than the limit cannot break it.
  lineLengths(limits) {
    const g = window.__guidekit, problems = [];
    const context = document.createElement("canvas").getContext("2d");
    for (const block of document.querySelectorAll("main p, main li, main dd, main td, main th, main blockquote")) {
      if (!g.isRendered(block) || block.querySelector("p, li, dd, td, th, blockquote")) continue;
      const text = g.text(block), style = getComputedStyle(block);
      const latin = (block.closest("[lang]")?.lang || "").startsWith("en");
      const limit = latin ? limits.latin : limits.cjk;
      if (text.length <= limit) continue;
      const size = parseFloat(style.fontSize);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const unit = latin ? context.measureText(text).width / text.length : size;
      const width = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const characters = Math.min(width / unit, text.length);
      if (characters > limit + 0.5) problems.push({ check: "line-length", value: Math.round(characters), limit, ...g.where(block) });
    }
    return problems;
  },

  // A 404 page is shown at any missing address: a relative address in it breaks one folder down.
  notFoundRelative() {
    const g = window.__guidekit;
    if (!/(^|\/)404\.html$/.test(location.pathname)) return [];
    return [...document.querySelectorAll("link[href], script[src], a[href], img[src]")]
      .filter((element) => !/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(element.getAttribute("href") || element.getAttribute("src")))
      .map((element) => ({ check: "not-found-relative", address: element.getAttribute("href") || element.getAttribute("src"), ...g.where(element) }));
  },

  // The same page in the other theme (the switch link) must not have the same title.
  async titleTwin() {
    const link = document.querySelector("a.gk-silver-switch[href]");
    // only a page of the site being checked: the gate itself never loads anything from another host
    if (!link || !document.title || new URL(link.href).origin !== location.origin) return [];
    try {
      const other = new DOMParser().parseFromString(await (await fetch(link.href)).text(), "text/html");
      return other.title === document.title ? [{ check: "title-same-as-other-theme", title: document.title, ...window.__guidekit.where(link) }] : [];
    } catch (error) {
      return [];
    }
  },

  // The colour schemes besides light that the page's CSS or root declares: "dark" (prefers-color-scheme)
  // and "forced" (forced-colors, Windows' contrast themes)
  declaredSchemes() {
    const forced = (rules) => [...rules].some((rule) =>
      (rule.media && /forced-colors:\s*active/.test(rule.media.mediaText)) || (rule.cssRules && forced(rule.cssRules)));
    const declares = (test) => [...document.styleSheets].some((sheet) => { try { return test(sheet.cssRules); } catch (error) { return false; } });
    return [...(this.declaresDark() ? ["dark"] : []), ...(declares(forced) ? ["forced"] : [])];
  },

  declaresDark() {
    if (/\bdark\b/.test(getComputedStyle(document.documentElement).colorScheme)) return true;
    const dark = (rules) => [...rules].some((rule) =>
      (rule.media && /prefers-color-scheme:\s*dark/.test(rule.media.mediaText)) || (rule.cssRules && dark(rule.cssRules)));
    return [...document.styleSheets].some((sheet) => { try { return dark(sheet.cssRules); } catch (error) { return false; } });
  },

  // A link in the middle of a sentence laid out as a box of its own (inline-flex, inline-block…, as a
  // tap target is): the box does not break like words do, so it stands on lines of its own between the
  // sentence's halves (its words wrapping inside it, or the whole box moved below a line its words would
  // have started on). Told by laying the link out in the line of text for a moment: where its words would
  // then run over two lines from higher up, the box broke the sentence (a number too long for the line's
  // end as a box but not as text moves down whole either way: that is wrapping, not breaking). Asked of the
  // editor's own running text (data-line, as targets.js tells it): a link a template or component draws
  // as a labelled action ("打电话：", a name, the number as a button, a note after it) is a target of its
  // own by design, and so is a link the sentence does not go on after (alone, or above a summary of its
  // own).
  linksOutOfTheirSentences() {
    const g = window.__guidekit, problems = [];
    for (const link of document.querySelectorAll("main [data-line] a[href]")) {
      if (!/^inline-(flex|block|grid|table)$/.test(getComputedStyle(link).display) || !g.isRendered(link)) continue;
      const block = link.parentElement.closest(this.blocks) || link.parentElement;
      const label = document.createRange();
      label.selectNodeContents(block);
      label.setEndBefore(link);
      if (!this.sentenceGoesOn(link, block) || /[:：]\s*$/.test(label.toString())) continue;
      const tops = () => [this.characterBeside(link, link, 1, true), this.characterBeside(link, block, 1)].map((box) => box?.top);
      const range = document.createRange();
      range.selectNodeContents(link);
      const lines = () => new Set([...range.getClientRects()].filter((box) => box.width).map((box) => Math.round(box.top))).size;
      const asBox = tops(), wraps = lines() > 1, style = link.getAttribute("style");
      link.style.setProperty("display", "inline", "important");
      const inLine = tops(), flows = lines() > 1;
      if (style === null) link.removeAttribute("style");
      else link.setAttribute("style", style);
      const higher = asBox.some((top, index) => top !== undefined && inLine[index] !== undefined && inLine[index] < top - 2);
      if (wraps || (higher && flows)) problems.push({ check: "link-out-of-sentence", text: link.textContent.trim(), ...g.where(link) });
    }
    return problems;
  },

  async all(theme, limits) {
    const twin = this.titleTwin(); // fetched while the page itself is measured
    // line length is 1.4.8 (AAA): held on guidekit's themes, which promise it, not on any page checked
    // so are named tables: WCAG asks a table's structure, not a name, of pages guidekit did not write
    return [...this.readAloudGaps(), ...this.ruby(theme), ...(theme ? this.unnamedTables() : []), ...(theme ? this.lineLengths(limits) : []),
      ...(theme ? this.linksOutOfTheirSentences() : []), ...this.notFoundRelative(), ...(await twin)];
  },
};
