// Barriers axe alone misses, read from the laid-out page in one pass (barriers.py turns them into findings):
// mouse-only widgets, links that go nowhere or surprise, typography, colour as the only signal, form
// groups and hints, tables without headers, obsolete presentational elements, paragraphs that look like headings.
window.__guidekit.barriers = {
  interactive: "a[href], area[href], button, input, select, textarea, summary, label, details, iframe, audio, video, " +
    "[contenteditable=''], [contenteditable='true'], [role='button'], [role='link'], [role='checkbox'], [role='radio'], " +
    "[role='switch'], [role='tab'], [role='menuitem'], [role='option'], [role='slider'], [role='textbox'], [role='combobox']",
  fields: "input:not([type='hidden']):not([type='radio']):not([type='checkbox']):not([type='submit']):not([type='button'])" +
    ":not([type='reset']):not([type='image']), select, textarea",
  newWindowWords: /new (window|tab)|opens? in|external|新窗口|新視窗|新窗|新标签|新標籤|新分頁|新页面|新頁面/i,
  markers: /\*|required|optional|必填|必须|必須|选填|選填|可选|可選|error|错误|錯誤|invalid/i,
  errorWords: /error|错误|錯誤|invalid|有误|有誤/i,
  obsolete: "center, font, big, strike, tt, basefont, marquee, blink",
  // two letters or digits meeting across a space, a Han character on one side: Chinese text puts no
  // space between words, so nothing there tells a voice to pause (Latin words keep their own spaces)
  runOn: /^(?:\p{Script=Han}[\p{L}\p{N}]|[\p{L}\p{N}]\p{Script=Han})$/u,
  wideBoxes: "main, form, fieldset, section, article, aside, nav, header, footer, [role]",

  // files: the endings of the addresses of files (types) and what a link's text says of one (words)
  scan(limits, files) {
    const g = window.__guidekit;
    const found = [];
    const fileTypes = new RegExp(`\\.(${files.types.join("|")})$`, "i");
    const fileWords = new RegExp(files.words, "i");
    if (g.focused()) g.focused().blur(); // a field focused on load looks unlike its siblings
    this.longLines = [];
    this.clickedLater = [];
    const report = (kind, element, extra = {}) => found.push({ kind, ...g.where(element), ...extra });
    const shown = (element) => g.isRendered(element) && !g.drawnInside(element, "[aria-hidden='true']");
    // one number for each form, and each tree (the document, a shadow root) its fields without a form are in
    const numbers = new Map();
    const numberOf = (owner) => numbers.get(owner) ?? numbers.set(owner, numbers.size).get(owner);
    // a mouse handler of the page's on the element or around it, below the body (where any page may listen), or
    // the marks of a widget a script drives from afar (Bootstrap's data-bs-toggle, handled on the document)
    const acted = (element) => {
      if (element.matches("[data-toggle], [data-bs-toggle], [aria-controls], [aria-expanded], [aria-haspopup]")) return true;
      for (let node = element; node && node !== document.body; node = node.parentElement) if (g.clickable.has(node) || node.onclick) return true;
      return false;
    };
    const name = (element) => ((element.getAttribute("aria-label") || "") + " " + g.text(element) + " " +
      [...element.querySelectorAll("img[alt]")].map((img) => img.alt).join(" ") + " " + (element.getAttribute("title") || "")).trim();

    // 2.1.1: a mouse click does something the keyboard cannot reach. What shows the mouse's hand does; a box that
    // does not may only hand clicks on to links it holds (GOV.UK's error summary), so it is clicked at the end
    // of the check (clickDoesSomething)
    for (const element of g.deepQuery("*", document.body)) {
      if (!(g.clickable.has(element) || element.onclick || element.onmousedown) || !shown(element)) continue;
      if (element.matches(this.interactive) || element.tabIndex >= 0 || g.drawnInside(element, `a[href], button, label, summary, [role='button'], [role='link']`)
          || g.deepQuery(this.interactive, element).length) continue;
      const hand = [element, ...g.deepQuery("*", element)].some((node) => getComputedStyle(node).cursor === "pointer");
      if (hand) report("click-only", element);
      else report("click-only", element, { clickedLater: this.clickedLater.push(element) - 1 });
    }

    // Links that go nowhere, say two things with one text, or open windows and files unannounced
    // the heading a link sits under is its context (2.4.4): the same text under different headings is told apart
    let heading = "";
    const links = [];
    for (const element of g.deepQuery("h1, h2, h3, h4, h5, h6, a[href]")) {
      if (element.matches("a[href]")) {
        if (shown(element)) links.push([element, heading]);
      } else heading = g.text(element);
    }
    const places = new Map();
    for (const [link, context] of links) {
      const raw = link.getAttribute("href").trim();
      const text = name(link);
      if ((raw === "#" || /^javascript:/i.test(raw)) && link.getAttribute("role") !== "button") {
        // "#" with nothing of the page's acting on it goes to the page's top: a Sphinx theme's logo on its home page
        report(raw === "#" && !acted(link) ? "link-to-top" : "link-nowhere", link, { href: raw.slice(0, 40) });
      }
      const target = (link.getAttribute("target") || "").toLowerCase();
      if (target && !["_self", "_parent", "_top"].includes(target) && !this.newWindowWords.test(text)) report("link-new-window", link);
      let path = "";
      try { path = new URL(link.href).pathname; } catch (error) { /* an address the browser cannot read */ }
      if ((link.hasAttribute("download") || fileTypes.test(path)) && !fileWords.test(text)) report("link-download", link);
      // ... and so is the list item, description term, table cell or paragraph around it ("社保卡申领表：
      // 下载"; a Sphinx method's "[source]" beside its name), with a cell's row headers
      const item = (link.parentElement || g.parentOf(link)).closest("li, dt, td, th, dd, p");
      const headers = item && item.matches("td") ? [...item.parentElement.cells].filter((cell) => cell.tagName === "TH") : [];
      // ... and, in a nested list, the list item it is nested under (WCAG's H81: an index's
      // "configuration value" under each option's name)
      const parent = item && item.matches("li") && item.parentElement ? item.parentElement.closest("li") : null;
      const around = [item, parent, ...headers].map((cell) => (cell ? g.text(cell).replace(/\s+/g, " ") : "")).join("\n");
      const words = g.text(link) ? `${context}\n${around}\n${text.replace(/\s+/g, " ").toLowerCase()}` : "";
      // a folder's address is its index page, as every web server answers it
      const page = link.href.split("#")[0].replace(/\/index\.html?$/i, "/");
      if (words && !/^(javascript|mailto|tel):/i.test(link.href)) {
        if (!places.has(words)) places.set(words, page);
        else if (places.get(words) !== page && places.get(words) !== null) {
          report("link-same-text", link, { text: text.slice(0, 40) });
          places.set(words, null); // reported once per text
        }
      }
    }

    // Typography: justified text, tight lines, long italic or capital runs (what web components draw too, from here on)
    const px = (value) => parseFloat(value) || 0;
    const blocks = g.deepQuery("p, li, dd, dt, td, th, blockquote, figcaption, div, section, article", document.body);
    for (const block of blocks) {
      if (!shown(block) || ![...block.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.data.trim().length > 1)) continue;
      const style = getComputedStyle(block);
      const size = px(style.fontSize);
      const lines = block.getBoundingClientRect().height / (style.lineHeight === "normal" ? 1.2 * size : px(style.lineHeight) || 1);
      if (style.textAlign === "justify" && lines >= 2) report("text-justified", block);
      if (lines >= 3 && this.perLine(block, lines) > this.lineLimit(block, limits)) this.longLines.push(block);
      if (style.lineHeight !== "normal" && lines >= 2 && px(style.lineHeight) < limits.lineHeight * size - 0.01) {
        report("line-height-tight", block, { value: Math.round((px(style.lineHeight) / size) * 100) / 100 });
      }
    }
    for (const element of g.deepQuery("*", document.body)) {
      const drawnIn = g.parentOf(element);
      if (!drawnIn || !shown(element)) continue;
      const style = getComputedStyle(element);
      const parent = getComputedStyle(drawnIn);
      const text = g.text(element);
      if (style.fontStyle === "italic" && parent.fontStyle !== "italic" && text.length >= limits.italicRun) report("long-italic", element);
      if (style.textTransform === "uppercase" && parent.textTransform !== "uppercase" && text.length >= limits.capitalRun) report("long-capitals", element);
    }
    capitals: for (const scope of g.textScopes()) {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const capitals = node.data.match(/\b[A-Z][A-Z'’-]+(?:[\s,.;:!]+[A-Z][A-Z'’-]+){4,}\b/);
        if (capitals && capitals[0].length >= limits.capitalRun && node.parentElement && shown(node.parentElement)) {
          report("long-capitals", node.parentElement);
          break capitals;
        }
      }
    }

    // Forms: groups without a legend, placeholders as labels, hints beside a field but not linked to it
    const grouped = new Map();
    for (const input of g.deepQuery("input[type='radio'][name], input[type='checkbox'][name]")) {
      if (!shown(input)) continue;
      // a name groups radio buttons within one form, or one tree (a shadow root's are its own)
      const key = `${input.type} ${numberOf(input.form || input.getRootNode())} ${input.name}`;
      grouped.set(key, [...(grouped.get(key) || []), input]);
    }
    for (const inputs of grouped.values()) {
      if (inputs.length < 2) continue;
      const fieldset = g.drawnInside(inputs[0], "fieldset");
      const legend = fieldset && fieldset.querySelector(":scope > legend");
      const group = g.drawnInside(inputs[0], "[role='group'], [role='radiogroup']");
      const named = group && (group.getAttribute("aria-label") || "").trim() || group && group.getAttribute("aria-labelledby");
      if (!(legend && g.text(legend)) && !named) report("group-no-legend", inputs[0]);
    }
    const fields = g.deepQuery(this.fields).filter(shown);
    const ticks = g.deepQuery("input[type='checkbox'], input[type='radio']").filter(shown);
    const controls = [...fields, ...ticks];
    for (const field of fields) {
      const labelled = [...(field.labels || [])].some((label) => g.text(label)) || (field.getAttribute("aria-label") || "").trim() ||
        field.getAttribute("aria-labelledby") || (field.getAttribute("title") || "").trim();
      // a lone field beside its form's button (a search box) is labelled by the button (WCAG technique G167)
      const lone = field.form && field.form.querySelectorAll(this.fields).length === 1 &&
        field.form.querySelector("button, input[type='submit'], input[type='image']");
      if (!labelled && !lone && (field.getAttribute("placeholder") || "").trim()) report("placeholder-label", field);
      const hint = labelled && this.unlinkedHint(field, controls);
      if (hint) report("hint-unlinked", hint);
    }
    // a tick box's own facts ("only if someone applies for you") are as unheard when it is pressed with Tab
    for (const tick of ticks) {
      const hint = this.unlinkedHint(tick, controls);
      if (hint) report("hint-unlinked", hint);
    }
    this.colourOnly(fields, report, numberOf);
    // A description taken from several elements is heard as one run, the browser joining them with a
    // space: in Chinese, where no space parts words, a voice reads one line's end into the next
    // ("从哪里拿：自己带" + "16 岁以下的孩子可以带户口本", the child brought along): two parts
    // need a stop between them, seen or not
    for (const element of g.deepQuery("[aria-describedby]")) {
      if (!shown(element)) continue;
      // ids name elements of the element's own tree
      const parts = element.getAttribute("aria-describedby").split(/\s+/).map((id) => element.getRootNode().getElementById(id))
        .filter(Boolean).map((part) => g.text(part)).filter(Boolean);
      const join = parts.findIndex((part, index) => index > 0 && this.runOn.test(parts[index - 1].slice(-1) + part[0]));
      if (join > 0) report("description-run-on", element, { text: `${parts[join - 1].slice(-10)} ${parts[join].slice(0, 10)}` });
    }

    // 4.1.2: a name or description taken from an id the page holds twice may be the other element's
    // (two copies of one component on a page); WCAG 2.2 dropped 4.1.1 and axe no longer says it
    for (const element of g.deepQuery("[aria-labelledby], [aria-describedby], label[for]")) {
      const ids = ((element.getAttribute("aria-labelledby") || "") + " " + (element.getAttribute("aria-describedby") || "") +
        " " + (element.getAttribute("for") || "")).split(/\s+/).filter(Boolean);
      const twice = ids.find((id) => element.getRootNode().querySelectorAll(`[id="${CSS.escape(id)}"]`).length > 1);
      if (twice) report("id-reference-twice", element, { value: twice });
    }

    // 1.3.1: data tables without header cells; obsolete presentational elements
    for (const table of g.deepQuery("table:not([role='presentation']):not([role='none'])")) {
      // a table that lays out a page (headings, forms, landmarks inside) is not a data table
      if (!shown(table) || table.querySelector("table, h1, h2, h3, h4, h5, h6, form, nav, main, header, footer")) continue;
      const rows = [...table.rows].filter((row) => row.cells.length >= 2);
      const headed = table.querySelector("th, [role='columnheader'], [role='rowheader'], td[scope], td[headers]");
      if (rows.length >= 2 && !headed) report("table-no-headers", table);
    }
    for (const element of g.deepQuery(this.obsolete, document.body)) report("obsolete-element", element, { tag: element.tagName.toLowerCase() });
    // 1.3.1 (WCAG failure F2): a short paragraph set larger than the text it stands over, as a heading is, but not
    // marked as one: a screen reader neither says it is a heading nor lets its reader jump to it
    for (const paragraph of g.deepQuery("p", document.body)) {
      if (this.looksLikeHeading(paragraph, shown)) report("fake-heading", paragraph, { text: g.text(paragraph).slice(0, 40) });
    }

    // 1.4.2: sound that starts by itself drowns out a screen reader
    for (const media of g.deepQuery("audio[autoplay], video[autoplay]")) {
      if (!media.muted && !media.hasAttribute("muted")) report("media-autoplay", media);
    }
    return found;
  },

  // where a short line set large is no heading: a site's banner, menus, notes beside the text, forms, quotes, cells,
  // list items, captions and widgets have their own roles
  notHeadings: "header, footer, nav, aside, form, label, legend, button, li, td, th, dt, dd, caption, figure, summary, " +
    "blockquote, dialog, address, [role='banner'], [role='contentinfo'], [role='navigation'], [role='complementary'], " +
    "[role='dialog'], [role='alert'], [role='status'], [role='heading'], [role='button'], [role='tab'], [role='menuitem']",
  // a heading has at least two letters (a big "¥25" or "2,000" is a figure) and no sentence's or lead-in's end
  headingText: /^(?=.*\p{L}.*\p{L})(?!.*[.。!！?？:：;；,，、…]$)/u,

  // A shown paragraph that looks like a heading: at most 60 characters (20 Han) of text, no link or control in it, its
  // smallest text 1.15 times the size of the paragraph, list or table after it and bold, or 1.4 times without bold;
  // what comes after is longer
  looksLikeHeading(paragraph, shown) {
    const g = window.__guidekit;
    const text = g.text(paragraph);
    const han = (text.match(/\p{Script=Han}/gu) || []).length;
    if (!this.headingText.test(text) || text.length > (han > text.length / 2 ? 20 : 60) || paragraph.hasAttribute("role")
        || g.drawnInside(paragraph, this.notHeadings) || paragraph.querySelector(this.interactive) || !shown(paragraph)) return false;
    let next = paragraph.nextElementSibling;
    while (next && !shown(next)) next = next.nextElementSibling;
    if (!next || !next.matches("p, ul, ol, dl, table") || g.text(next).length <= text.length) return false;
    let size = Infinity, weight = Infinity;
    const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !node.parentElement) continue;
      const style = getComputedStyle(node.parentElement);
      size = Math.min(size, parseFloat(style.fontSize));
      weight = Math.min(weight, parseFloat(style.fontWeight));
    }
    const larger = size / parseFloat(getComputedStyle(next).fontSize);
    return larger >= 1.4 || (larger >= 1.15 && weight >= 600);
  },

  // A mouse's click on the box, where a reader would click it (the element drawn at its middle): whether the page
  // changed, went or moved the focus within two frames. Events made here move no focus and no pointer of
  // their own. null: the box is gone or hidden by then, and nothing can be told.
  async clickDoesSomething(index) {
    const g = window.__guidekit;
    const element = this.clickedLater[index];
    if (!element || !element.isConnected || !g.isRendered(element)) return null;
    element.scrollIntoView({ block: "center", inline: "center" });
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    const hit = element.getRootNode().elementFromPoint(x, y);
    const target = hit && g.holds(element, hit) ? hit : element;
    let changed = false;
    const changes = new MutationObserver(() => { changed = true; });
    // what a web component changes in its shadow DOM, the document's observer does not see
    for (const scope of [document, ...g.shadowScopes()]) {
      changes.observe(scope, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    const [address, focused, notes] = [location.href, g.focused(), window.__guidekitStay.notes.length];
    const options = { bubbles: true, cancelable: true, composed: true, view: window, clientX: x, clientY: y, button: 0 };
    const pointer = { ...options, pointerId: 1, pointerType: "mouse", isPrimary: true };
    for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
      target.dispatchEvent(type.startsWith("pointer") ? new PointerEvent(type, pointer) : new MouseEvent(type, options));
    }
    await g.frames(2);
    changed ||= changes.takeRecords().length > 0;
    changes.disconnect();
    return changed || location.href !== address || g.focused() !== focused ||
      window.__guidekitStay.notes.length !== notes;
  },

  // 2.2.2: animations that never end; barriers.py asks again with reduced motion asked for
  endless() {
    const g = window.__guidekit;
    const moving = new Map();
    for (const animation of g.animations()) {
      const target = animation.effect && animation.effect.target;
      const element = target && (target.nodeType === 1 ? target : target.parentElement);
      if (!element || animation.playState !== "running" || !g.isRendered(element)) continue;
      if (animation.effect.getComputedTiming().iterations === Infinity) moving.set(element, g.where(element));
    }
    return [...moving.values()].slice(0, 5);
  },

  // Characters per line of a block of three lines or more: its text shared out over its lines
  perLine(block, lines) {
    return window.__guidekit.text(block).length / Math.round(lines);
  },

  lineLimit(block, limits) {
    const text = window.__guidekit.text(block);
    const han = (text.match(/\p{Script=Han}/gu) || []).length;
    return han > text.length / 2 ? limits.cjkLine : limits.latinLine;
  },

  // 1.4.8: the blocks whose lines were too long in the gate's wide window and still are in a window narrow
  // enough for any text that follows the window's width (barriers.py narrows it): their width is fixed.
  fixedLongLines(limits) {
    const g = window.__guidekit;
    const px = (value) => parseFloat(value) || 0;
    return this.longLines.filter((block) => {
      const style = getComputedStyle(block);
      const lines = block.getBoundingClientRect().height / (style.lineHeight === "normal" ? 1.2 * px(style.fontSize) : px(style.lineHeight) || 1);
      return lines >= 1 && g.text(block).length / Math.max(1, Math.round(lines)) > this.lineLimit(block, limits);
    }).slice(0, 3).map((block) => ({ kind: "line-length", ...g.where(block) }));
  },

  // A live region's text is read out when it changes (a count of characters left as one types), not linked.
  liveRegions: "[aria-live]:not([aria-live='off']), [role='status'], [role='alert'], [role='log'], [role='timer']",

  // Text next to a field, inside the smallest box that holds the field and its label, that the field does not
  // point at with aria-describedby (or aria-labelledby) and no live region reads out: a screen reader in the
  // field never reads it. A label that wraps its field (a tick box's) is in a box of its own, a list item
  // or a paragraph: a landmark, form, group or section around it holds more than one field's hints.
  unlinkedHint(field, fields) {
    const g = window.__guidekit;
    const label = field.labels && field.labels[0];
    if (!label) return null;
    const wrapped = label.contains(field);
    let box = (wrapped ? label : field).parentElement;
    while (box && box !== document.body && !box.contains(label)) box = box.parentElement;
    if (!box || box === document.body || fields.some((other) => other !== field && box.contains(other))) return null;
    if (wrapped && (box.matches(this.wideBoxes) || box.querySelector("h1, h2, h3, h4, h5, h6"))) return null;
    if (box.querySelector("a[href], button, input[type='submit'], input[type='button']")) return null;
    const linked = ["aria-describedby", "aria-labelledby", "aria-errormessage"].map((name) => field.getAttribute(name) || "").join(" ")
      .split(/\s+/).filter(Boolean)
      .map((id) => field.getRootNode().getElementById(id)).filter(Boolean);
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (node.data.replace(/[\s*:：()（）]/g, "").length < 3 || label.contains(node) || linked.some((element) => element.contains(node))) continue;
      // a heading names the part of the page the field is in, and a screen reader's heading keys reach it
      if (field.contains(node) || parent.closest("[aria-hidden='true'], script, style, template, select, datalist, textarea, button, legend, " +
          "h1, h2, h3, h4, h5, h6, [role='heading']") ||
          parent.closest(this.liveRegions) || !g.isRendered(parent)) continue;
      return parent;
    }
    return null;
  },

  // 1.4.1: among the fields of a form, one told apart from the rest only by a colour (of its label, border or
  // background) with no text, icon, thickness or programmatic state that says the same.
  colourOnly(fields, report, numberOf) {
    const g = window.__guidekit;
    const look = (field) => {
      const style = getComputedStyle(field);
      const label = field.labels && field.labels[0];
      const labelStyle = label ? getComputedStyle(label) : null;
      const colour = [style.borderTopColor, style.backgroundColor, labelStyle && labelStyle.color].join("|");
      const marks = label ? (g.text(label).match(this.markers) || [""])[0].toLowerCase() + (label.querySelector("img, svg, abbr") ? "icon" : "") : "";
      const described = field.getAttribute("aria-describedby") || field.getAttribute("aria-errormessage") || "";
      const other = [style.borderTopWidth, style.borderTopStyle, style.boxShadow, style.outlineStyle, marks, described ? "described" : "",
        labelStyle && [labelStyle.fontWeight, labelStyle.fontStyle, labelStyle.textDecorationLine].join(" ")].join("|");
      return { colour, other };
    };
    const forms = new Map(); // fields of one kind in one form: a select and a text field differ by nature
    for (const field of fields) {
      const key = `${numberOf(field.form || field.getRootNode())} ${field.tagName} ${field.type}`;
      forms.set(key, [...(forms.get(key) || []), field]);
    }
    for (const all of forms.values()) {
      const members = all.filter((field) => !field.disabled && !field.readOnly); // inactive fields may be greyed
      if (members.length < 2) continue;
      const looks = members.map(look);
      const common = (key) => {
        const counts = new Map();
        looks.forEach((item) => counts.set(item[key], (counts.get(item[key]) || 0) + 1));
        return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
      };
      const [colour, other] = [common("colour"), common("other")];
      looks.forEach((item, index) => {
        if (item.colour !== colour && item.other === other && !this.errorSaidByGroup(members[index])) report("colour-only", members[index]);
      });
    }
  },

  // A field of a group (a date's day, month and year) whose error message the group points at: that message
  // says in words which of its fields is wrong, as GOV.UK Frontend's date input does.
  errorSaidByGroup(field) {
    const group = window.__guidekit.drawnInside(field, "fieldset, [role='group']");
    if (!group) return false;
    const ids = `${group.getAttribute("aria-describedby") || ""} ${group.getAttribute("aria-errormessage") || ""}`;
    const said = ids.split(/\s+/).map((id) => id && group.getRootNode().getElementById(id)).filter(Boolean);
    return said.some((element) => this.errorWords.test(window.__guidekit.text(element)));
  },

  // 1.4.4 (with the browser's text size setting): the font size of each element with text of its own, before
  // and after barriers.py doubles the browser's default sizes; text smaller than the default that did not grow
  // at all is fixed in px (a size partly in rem or em grows), and stays small for a reader who asks for larger
  // text. Form controls are sized by the browser itself.
  fontSizes(defaultSize) {
    const g = window.__guidekit;
    const elements = g.deepQuery("*", document.body).filter((element) =>
      !element.matches("input, button, select, textarea, option, script, style") && !element.closest("svg, math") &&
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.data.trim()) && g.isRendered(element));
    if (!this.sized) {
      this.sized = elements;
      this.sizes = elements.map((element) => parseFloat(getComputedStyle(element).fontSize));
      return [];
    }
    const fixed = new Set(this.sized.filter((element, index) => this.sizes[index] < defaultSize - 0.5 &&
      parseFloat(getComputedStyle(element).fontSize) < this.sizes[index] * 1.05));
    this.sized = null;
    // the outermost of them: their children inherit the fixed size
    return [...fixed].filter((element) => !fixed.has(g.parentOf(element))).slice(0, 3).map((element) => g.where(element));
  },
};

// Dialogs, lightboxes and menus opened from the keyboard (popups.py presses the keys): the focus must move
// into them, stay inside a modal one, and Escape must close them. Nothing the keys do may leave the page.
window.__guidekit.popups = {
  dialogs: "dialog, [role='dialog'], [role='alertdialog'], [aria-modal='true'], [role='menu']",

  // Buttons and links that say they open something, or buttons (and links to nowhere) that the page's scripts
  // answer, up to `limit`. A link to an address is only a link: its click handler counts visits or remembers
  // a choice, which would follow the gate to the next page.
  triggers(limit) {
    const g = window.__guidekit;
    const inert = g.inertTest();
    this.list = g.deepQuery("a[href], button, [role='button']").filter((element) => {
      if (!g.isRendered(element) || element.disabled || element.tabIndex < 0 || inert(element)) return false;
      if (element.matches("button") && element.form && element.type !== "button") return false; // it would send the form
      const popup = element.getAttribute("aria-haspopup");
      if ((popup && popup !== "false") || element.hasAttribute("aria-controls")) return true;
      const address = element.matches("a[href]") && !/^(#|javascript:)/i.test(element.getAttribute("href").trim());
      return !address && (g.clickable.has(element) || Boolean(element.onclick));
    }).slice(0, limit);
    // what the openers' scripts store is put back afterwards (finish): the next page starts as if this one was only read
    this.stored = this.storages().map((storage) => [storage, Object.entries(storage)]);
    return this.list.length;
  },

  // Two frames for the page's handlers to draw, then the animations and transitions running played `limit` ms
  // of the page's time forward (to their end if sooner; a spinner never ends), and a frame for what their end
  // sets off (a dialog hidden once it has faded out)
  async settle(limit) {
    const g = window.__guidekit;
    await g.frames(2);
    const animations = g.animations();
    if (animations.length) {
      g.playForward(animations, limit);
      await g.frames(1);
    }
  },

  storages() {
    try {
      return [localStorage, sessionStorage];
    } catch (error) {
      return []; // a page whose storage is shut off
    }
  },

  // What is on screen and may be a popup: dialogs, menus, and boxes fixed over the page
  candidates() {
    const g = window.__guidekit;
    return g.deepQuery("*", document.body).filter((element) => g.isRendered(element) &&
      (element.matches(this.dialogs) || getComputedStyle(element).position === "fixed"));
  },

  open(index) {
    this.before = new Set(this.candidates());
    // a link's own address or a form's sending would leave the page: the page's scripts still run
    this.stay = (event) => event.preventDefault();
    window.addEventListener("click", this.stay, true);
    window.addEventListener("submit", this.stay, true);
    this.list[index].focus();
    this.popup = null;
  },

  // The popup the key opened, if any: what kind it is and whether the focus went into it
  opened(index) {
    const g = window.__guidekit;
    const trigger = this.list[index];
    const controlled = trigger.getRootNode().getElementById(trigger.getAttribute("aria-controls") || "");
    const fresh = this.candidates().filter((element) => !this.before.has(element));
    const covers = (element) => {
      const rect = element.getBoundingClientRect();
      return rect.width * rect.height >= 0.25 * innerWidth * innerHeight;
    };
    const popup = fresh.find((element) => element.matches(this.dialogs)) || fresh.find(covers) ||
      (controlled && controlled.matches(this.dialogs) && fresh.includes(controlled) ? controlled : null);
    if (!popup || g.holds(popup, trigger)) return null;
    this.popup = popup;
    const modal = popup.matches("[aria-modal='true'], dialog:modal") || covers(popup);
    const inside = g.deepQuery("a[href], button, input, select, textarea, [tabindex]:not([tabindex='-1'])", popup).length;
    return { ...g.where(popup), trigger: g.where(trigger).element, modal, tabs: inside + 2, focused: g.holds(popup, g.focused()) };
  },

  // Still inside, or gone to the browser's own controls (as Tab does past the end of a native modal dialog):
  // only an element of the page behind it counts as having left
  focusInside() {
    const active = window.__guidekit.focused();
    return !active || active === document.body || active === document.documentElement || window.__guidekit.holds(this.popup, active);
  },

  closed() {
    const g = window.__guidekit;
    return !this.popup.isConnected || !g.isRendered(this.popup) || Boolean(g.drawnInside(this.popup, "[aria-hidden='true'], [hidden], [inert]"));
  },

  finish() {
    window.removeEventListener("click", this.stay, true);
    window.removeEventListener("submit", this.stay, true);
    const focused = window.__guidekit.focused();
    if (focused) focused.blur();
    for (const [storage, entries] of this.stored || []) {
      storage.clear();
      entries.forEach(([key, value]) => storage.setItem(key, value));
    }
  },
};
