// WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11: the page as a keyboard user meets it. keyboard.py presses Tab;
// this script notes where each press left the focus, and prepares each element for the focus pictures.
window.__guidekit.keyboard = {
  // Links and controls, native or made with ARIA roles: the keyboard must reach every one of them,
  // whatever tabindex says; other elements only when they ask for focus with tabindex >= 0.
  controls: "a[href], area[href], button, input:not([type='hidden']), select, textarea, summary, iframe, " +
    "audio[controls], video[controls], [contenteditable='true'], [role='button'], [role='link'], [role='checkbox'], " +
    "[role='radio'], [role='switch'], [role='tab'], [role='menuitem'], [role='option'], [role='slider']",

  reachable(element, inert) {
    if (!element.matches(this.controls) && element.tabIndex < 0) return false;
    if (element.disabled || inert(element)) return false;
    if (element.tagName === "SUMMARY" && element.parentElement.querySelector(":scope > summary") !== element) return false;
    const g = window.__guidekit;
    // out of the Tab order and beyond a pointer's reach too is no keyboard barrier: nobody can use it yet
    return g.isRendered(element) && (element.tabIndex >= 0 || g.isPressable(element));
  },

  // A composite widget is one Tab stop whose parts the arrow keys walk: a radio group (one name in one form)
  // or the items of an ARIA composite (a listbox, menu, tab list, toolbar ...).
  composites: "[role='radiogroup'], [role='listbox'], [role='menu'], [role='menubar'], [role='tablist'], [role='tree'], " +
    "[role='treegrid'], [role='grid'], [role='toolbar']",
  items: "[role='radio'], [role='option'], [role='menuitem'], [role='menuitemcheckbox'], [role='menuitemradio'], [role='tab'], " +
    "[role='treeitem'], [role='row'], [role='gridcell']",

  widgetOf(element) {
    if (element.matches("input[type='radio']") && element.name) return `radio ${[...document.forms].indexOf(element.form)} ${element.name}`;
    // a web component's radio group or tab list may hold its radio buttons or tabs in a slot
    const widget = window.__guidekit.drawnInside(element, this.composites);
    return widget && (element.matches(this.items) || widget.matches("[role='toolbar']")) ? widget : null;
  },

  // The elements a keyboard user must be able to reach, in the order Tab meets them (a web component's own in
  // its shadow DOM too), and the composite widget of each: the index of its group, or -1 for an element that
  // is a Tab stop of its own.
  collect() {
    const g = window.__guidekit;
    const inert = g.inertTest();
    this.expected = g.deepQuery(`${this.controls}, [tabindex]`).filter((element) => this.reachable(element, inert));
    const widgets = this.expected.map((element) => this.widgetOf(element));
    const members = new Map();
    widgets.forEach((widget) => widget && members.set(widget, (members.get(widget) || 0) + 1));
    const numbers = [...members.keys()].filter((widget) => members.get(widget) > 1);
    this.groups = widgets.map((widget) => numbers.indexOf(widget));
    return this.expected.length;
  },

  // The arrow keys inside one composite widget, from the member Tab reached: arrowStart focuses it and notes
  // where each key leaves the focus; arrowFinish says which members were reached and unticks what the keys ticked.
  arrowStart(index) {
    this.ticked = [...document.querySelectorAll("input[type='radio']")].map((radio) => [radio, radio.checked]);
    this.arrived = new Set([index]);
    this.listener = () => this.arrived.add(this.expected.indexOf(window.__guidekit.focused()));
    window.addEventListener("keyup", this.listener, true);
    this.expected[index].focus({ preventScroll: true });
  },

  // The Tab stops a blur or focusout handler watches (on the element or around it), nearest first:
  // a handler that takes the focus back a moment after Tab moved it away is a trap the fast walk
  // can outrun, so keyboard.py presses Tab on each of these alone and waits.
  watchedStops(limit) {
    const watched = window.__guidekit.focusWatched;
    if (!watched.size) return [];
    const depth = (element) => {
      let steps = 0;
      for (let node = element; node; node = node.parentNode, steps++) if (watched.has(node)) return steps;
      return watched.has(window) ? steps : -1;
    };
    return this.expected.map((element, index) => [depth(element), index])
      .filter(([steps]) => steps >= 0).sort((a, b) => a[0] - b[0]).slice(0, limit).map(([, index]) => index);
  },

  focusFrom(index) {
    this.expected[index].focus({ preventScroll: true });
    this.watchLeaving();
  },

  // After a timer turn, so that a handler's setTimeout has run: whether the focus is back on the stop. Tab
  // that took the focus out of the page left the stop, whatever the page focuses then.
  async tookBack(index) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    window.removeEventListener("blur", this.leaving);
    const back = !this.left && window.__guidekit.focused() === this.expected[index];
    if (document.activeElement) document.activeElement.blur();
    return back ? { index, ...window.__guidekit.where(this.expected[index]) } : null;
  },

  arrowFinish() {
    window.removeEventListener("keyup", this.listener, true);
    this.ticked.forEach(([radio, checked]) => { radio.checked = checked; });
    if (document.activeElement) document.activeElement.blur();
    return [...this.arrived].filter((index) => index >= 0);
  },

  start() {
    this.collect();
    this.log = [];
    this.listener = (event) => { if (event.key === "Tab") this.record(); };
    this.landed = null;
    this.passed = -1;
    this.gone = new Set();
    this.hiddenAhead = new Set();
    // the element itself, inside a web component, whose host the event's target names
    this.landing = (event) => { this.landed = event.composedPath()[0]; };
    window.addEventListener("focusin", this.landing, true);
    this.watchLeaving();

    // a smooth scroll would still be moving when the next press notes where the focus is
    this.unstyle = window.__guidekit.overrideStyles("html, * { scroll-behavior: auto !important; }");
    window.addEventListener("keydown", this.listener, true);
    // Tab into a frame goes on inside the framed page, whose key presses this page never hears: frames leave the
    // Tab order for the walk, and one is reached when the page keeps it in that order (finish)
    this.frames = this.expected.filter((element) => element.tagName === "IFRAME").map((frame) => [frame, frame.getAttribute("tabindex")]);
    this.frames.forEach(([frame]) => frame.setAttribute("tabindex", "-1"));
    // Tab goes on from where the focus last was (a field focused on load, say): start it from the top
    const top = document.createElement("span");
    top.tabIndex = -1;
    document.body.prepend(top);
    top.focus({ preventScroll: true });
    top.remove();
    if (document.activeElement) document.activeElement.blur();
    window.scrollTo(0, 0);
    // a date or time field takes one Tab per part (day, month, year ...): press enough to pass every part
    return this.expected.reduce((presses, element) => presses + (element.matches(this.multipart) ? 5 : 1), 0);
  },

  // How far the walk has gone: how many elements it has stopped on, and how many of those to reach it has not
  // reached (nor found gone) while the focus is still in the page (none once the focus has left it: the walk went
  // all the way through). The first note is taken before any focus moved.
  progress() {
    const element = this.focusNow();
    const stops = new Set(this.log.map((step) => step && step.element)).size;
    const lapEnded = this.log.slice(1).includes(null);
    if (this.left || lapEnded || !element) return { stops, unreached: 0 };
    const reached = new Set([...this.log.map((step) => step && step.index), this.expected.indexOf(element)]);
    return { stops, unreached: this.expected.filter((_, index) => !reached.has(index) && !this.gone.has(index)).length };
  },

  // Notes when the focus leaves the page for the browser's own controls.
  watchLeaving() {
    this.left = false;
    this.leaving = () => { this.left = true; };
    window.__guidekit.listen(window, "blur", this.leaving);
  },

  multipart: "input[type='date'], input[type='time'], input[type='datetime-local'], input[type='month'], input[type='week']",

  // Where an element lies in the whole length of what holds it, whatever the scrolling that Tab set off: a box
  // scrolled inside (a sidebar's contents) counts its scroll, and a box fixed to the window does not move with
  // the page's.
  box(element) {
    const rect = element.getBoundingClientRect();
    let left = rect.left, top = rect.top;
    for (let node = element; node && node !== document.body && node !== document.documentElement; node = window.__guidekit.parentOf(node)) {
      if (node !== element) { left += node.scrollLeft; top += node.scrollTop; }
      if (getComputedStyle(node).position === "fixed") return { left, top, width: rect.width, height: rect.height };
    }
    return { left: left + scrollX, top: top + scrollY, width: rect.width, height: rect.height };
  },

  // The element the last press reached, or null where the lap ended (the focus on the page itself, having left
  // it). The page may have taken that element away since (hidden it: an "on this page" list shutting the entries
  // of a part scrolled past, its scroll watcher late on a loaded machine), which drops the focus or leaves it on
  // nothing to see: Tab reached it all the same and goes on from it.
  focusNow() {
    const element = window.__guidekit.focused();
    if (element && element !== document.body && element !== document.documentElement) return element;
    const landed = this.landed;
    return !this.left && landed && landed.isConnected && !window.__guidekit.isRendered(landed) ? landed : null;
  },

  // The elements to reach that Tab passed over on its way to `index`, noted as gone where the page had taken them
  // away before that press (an "on this page" list after the text, shutting the entries of each part the walk
  // scrolled past, its scroll watcher keeping up on a busy machine): they were not there to reach. What the page
  // takes away as Tab comes (a menu shut as the focus leaves its button) is a barrier. Then the elements the next
  // press will pass over, up to the next one the page shows, as they are now.
  passOver(index) {
    for (let before = this.passed + 1; before < index; before++) {
      if (this.hiddenAhead.has(before)) this.gone.add(before);
    }
    this.passed = Math.max(this.passed, index);
    this.hiddenAhead = new Set();
    const g = window.__guidekit;
    for (let after = this.passed + 1; after < this.expected.length && !g.isRendered(this.expected[after]); after++) {
      this.hiddenAhead.add(after);
    }
  },

  // Called when the next Tab goes down: the previous one has moved focus and scrolled by now.
  record() {
    const element = this.focusNow();
    this.landed = null;
    // Tab took the focus out of the page since the last press, though it may be back by the time this press is
    // heard (a busy machine's browser hands it back early; a page may move it on blur): that lap ended there
    if (this.left || !element) this.log.push(null);
    this.left = false;
    if (!element) return;
    const last = this.log[this.log.length - 1];
    if (last && element.matches(this.multipart) && last.index === this.expected.indexOf(element)) return; // its next part
    const g = window.__guidekit;
    const index = this.expected.indexOf(element);
    this.passOver(index);
    // one taken away has no place on the screen to judge: not hidden, nor moved back up the page
    const shown = g.isRendered(element);
    this.log.push({
      index,
      ...g.where(element),
      tabindex: element.tabIndex,
      box: shown ? this.box(element) : null,
      hiddenBy: shown ? this.hiddenBy(element) : null,
    });
  },

  // What shows the element on screen: itself, or, for a control hidden in place whose label draws it (a tick
  // box drawn by its label's ::before), that label on screen.
  shownBy(element) {
    const onScreen = (rect) => rect.width * rect.height > 0 && rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth && rect.top < innerHeight;
    const g = window.__guidekit;
    if (onScreen(g.boxOf(element))) return element;
    return g.labelsDrawing(element).find((label) => onScreen(label.getBoundingClientRect())) || element;
  },

  // The walk's notes of focus off screen or covered, taken again once what the focus set off has run (a skip
  // link that slides into view): null where the element now shows.
  hiddenAfterAll(indexes) {
    const hidden = [];
    for (const index of indexes) {
      const running = this.running();
      this.expected[index].focus({ focusVisible: true });
      this.settled(running);
      hidden.push(this.hiddenBy(this.expected[index]));
    }
    if (document.activeElement) document.activeElement.blur();
    return hidden;
  },

  // 2.4.11: the element whose box covers every visible point of the focused element, if any. A label that
  // draws the control (a clear tick box laid over the square its label's ::before draws) is the control's
  // own picture, not a cover.
  hiddenBy(focused) {
    const element = this.shownBy(focused);
    const drawing = window.__guidekit.labelsDrawing(focused);
    const rect = window.__guidekit.boxOf(element);
    const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) {
      // an empty link on the screen has no box to see, which is not being off it
      const onScreen = rect.left >= 0 && rect.left <= innerWidth && rect.top >= 0 && rect.top <= innerHeight;
      return onScreen && (rect.width < 1 || rect.height < 1) ? { sizeless: true } : { offscreen: true };
    }
    let cover = null;
    const g = window.__guidekit;
    // asked of the element's own shadow root, what covers it inside its web component is found too
    const scope = element.getRootNode();
    for (const fx of [0.1, 0.5, 0.9]) {
      for (const fy of [0.1, 0.5, 0.9]) {
        // a transparent box in front hides nothing
        const hit = scope.elementsFromPoint(left + (right - left) * fx, top + (bottom - top) * fy)
          .find((candidate) => !g.isTransparent(candidate));
        const own = !hit || g.holds(element, hit) || g.holds(hit, element) || drawing.some((label) => g.holds(label, hit));
        if (own) return null;
        cover = cover || hit;
      }
    }
    return window.__guidekit.where(cover);
  },

  finish() {
    this.record();
    window.removeEventListener("keydown", this.listener, true);
    window.removeEventListener("focusin", this.landing, true);
    window.removeEventListener("blur", this.leaving);
    this.unstyle();
    this.frames.forEach(([frame, tabindex]) => (tabindex === null ? frame.removeAttribute("tabindex") : frame.setAttribute("tabindex", tabindex)));
    const g = window.__guidekit;
    return {
      expected: this.expected.map((element, index) => ({
        ...g.where(element), tabindex: element.tabIndex, group: this.groups[index], gone: this.gone.has(index),
        leadsTo: this.expected.indexOf(this.keyboardPathOf(element)),
      })),
      log: this.log,
      framed: this.expected.flatMap((element, index) => (element.tagName === "IFRAME" && element.tabIndex >= 0 ? [index] : [])),
    };
  },

  // Where the keyboard does the work of an element kept out of the Tab order: the keyboard reaches it there, and
  // never focuses it. A link inside a control's label that leads to that control (Material for MkDocs' linked
  // tabs: the label of each tab's radio button holds a link to it) does what the control does; a combobox's own
  // buttons (its list's opener, its clear button), which the WAI-ARIA practices and USWDS keep out of the Tab
  // order, do what the field's keys do (Down opens the list).
  keyboardPathOf(element) {
    if (element.tabIndex >= 0) return null;
    const control = element.closest("label")?.control;
    if (element.matches("a[href^='#']") && control && element.getAttribute("href") === `#${control.id}`) return control;
    if (!element.matches("button, [role='button']") || element.closest("[role='listbox']")) return null;
    let around = element.parentElement;
    for (let level = 0; around && level < 3; level += 1, around = around.parentElement) {
      const fields = around.querySelectorAll("[role='combobox']");
      if (fields.length) return fields.length === 1 ? fields[0] : null;
    }
    return null;
  },

  // A control's label may draw it (a tick box drawn by the label's ::before): how the label and its
  // generated boxes look is part of how the control looks.
  labelStyle(element) {
    return window.__guidekit.labelsDrawing(element)
      .map((label) => [null, "::before", "::after"].map((pseudo) => this.focusStyle(label, pseudo)).join("|")).join("|");
  },

  focusStyle(element, pseudo = null) {
    const style = getComputedStyle(element, pseudo);
    return ["outline", "outline-offset", "box-shadow", "background-color", "background-image", "color", "border-color",
      "border-width", "border-style", "text-decoration", "text-decoration-thickness", "opacity", "transform", "filter"]
      .map((name) => style.getPropertyValue(name)).join("|");
  },

  // How an element and what it draws look: its own styles, the boxes its ::before and ::after draw (a bar under a
  // link that only a part of the page gives it on focus), and the label that draws a control.
  drawnStyle(element) {
    return [this.paintStyle(element), this.labelStyle(element)].join("|");
  },

  paintStyle(element) {
    const generated = ["::before", "::after"].map((pseudo) => {
      const style = getComputedStyle(element, pseudo);
      if (style.content === "none" || style.content === "normal") return "";
      return [style.content, style.display, style.width, style.height, this.focusStyle(element, pseudo)].join("|");
    });
    return [this.focusStyle(element), ...generated].join("|");
  },

  // How the element's nearest ancestors (up to four levels) look: a box that draws a ring round what it holds
  // while it holds the focus (:focus-within) shows the element's focus as the element's own styles would.
  aroundStyles(element) {
    const g = window.__guidekit, styles = [];
    for (let node = g.parentOf(element); node && node !== document.body && styles.length < 4; node = g.parentOf(node)) {
      styles.push(this.paintStyle(node));
    }
    return styles;
  },

  // The colour behind the element: the same element on another background may show its focus differently.
  backdrop(element) {
    const g = window.__guidekit;
    for (let node = g.parentOf(element); node; node = g.parentOf(node)) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
    }
    return "canvas";
  },

  // What around an element bears on its ring that its own styles do not say: the room its clipping ancestors and
  // the page's top and left edges leave it on each side, up to a ring's reach (8 px), and how faded or filtered
  // what it is drawn inside is. The same link flush inside a box that clips, or in a faded part, shows no ring
  // where its twin elsewhere shows one: judged by the twin's verdict, the old gate passed it.
  surroundings(element, rect) {
    const g = window.__guidekit, reach = 8;
    const room = [rect.top + scrollY, Infinity, Infinity, rect.left + scrollX]; // top, right, bottom, left
    let opacity = 1;
    const filters = [];
    // the root and the body clip at the window (their overflow is the window's), which the edges above stand for
    for (let node = g.parentOf(element); node && node !== document.body && node !== document.documentElement; node = g.parentOf(node)) {
      const style = getComputedStyle(node);
      opacity *= parseFloat(style.opacity);
      if (style.filter !== "none") filters.push(style.filter);
      if (["inline", "contents"].includes(style.display)) continue; // overflow clips no inline box
      const clipsAll = style.clipPath !== "none" || /paint|strict|content/.test(style.contain);
      const [across, down] = [clipsAll || style.overflowX !== "visible", clipsAll || style.overflowY !== "visible"];
      if (!across && !down) continue;
      const box = node.getBoundingClientRect();
      const [left, top] = [box.left + node.clientLeft, box.top + node.clientTop];
      if (down) [room[0], room[2]] = [Math.min(room[0], rect.top - top), Math.min(room[2], top + node.clientHeight - rect.bottom)];
      if (across) [room[3], room[1]] = [Math.min(room[3], rect.left - left), Math.min(room[1], left + node.clientWidth - rect.right)];
    }
    const near = room.map((gap) => Math.max(0, Math.min(reach, Math.floor(gap))));
    return `${near.join(",")} ${Math.round(opacity * 20) / 20} ${filters.join(" ")}`;
  },

  // The browser's own focus ring (outline-style auto, drawn in two tones so it shows on any backdrop):
  // WCAG 2.4.7 accepts it, so an element that keeps it needs no picture.
  browserRing(style) {
    return style.outlineStyle === "auto" && !/^rgba\(.*, 0\)$|^transparent$/.test(style.outlineColor);
  },

  // What is drawn over the page: positioned boxes with their boxes, and the elements whose ::before or ::after
  // is positioned (drawn over their own box, a frame or a shade).
  overlays() {
    const boxes = [], pseudo = new Set();
    const placed = (style) => style.position === "absolute" || style.position === "fixed" || style.position === "sticky";
    for (const element of document.body.querySelectorAll("*")) {
      if (placed(getComputedStyle(element))) boxes.push([element, element.getBoundingClientRect()]);
      if (["::before", "::after"].some((part) => {
        const style = getComputedStyle(element, part);
        return style.content !== "none" && style.content !== "normal" && placed(style);
      })) pseudo.add(element);
    }
    return { boxes, pseudo };
  },

  // The overlays within reach of an element's ring (8 px), other than those holding it or held by it: a frame
  // over one link's ring hides it, and not its twin's elsewhere, so the two no longer look alike.
  overlaid(element, rect, { boxes, pseudo }) {
    const reach = 8, names = [];
    for (const [box, r] of boxes) {
      if (box === element || window.__guidekit.holds(box, element) || window.__guidekit.holds(element, box) || !r.width || !r.height) continue;
      if (r.left < rect.right + reach && r.right > rect.left - reach && r.top < rect.bottom + reach && r.bottom > rect.top - reach) {
        names.push(`${box.tagName}.${box.className}`);
      }
    }
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      if (pseudo.has(node)) names.push(`${node.tagName}.${node.className}::`);
    }
    return names.sort().join(",");
  },

  // For each element, what decides how it looks focused and unfocused: equal keys look alike; BROWSER_RING
  // (focus_visible.py) for an element that shows the browser's own ring, where that ring is enough.
  looks(acceptBrowserRing) {
    this.collect();
    const sheets = [...document.styleSheets].map((sheet) => sheet.href).join(" ");
    if (document.activeElement) document.activeElement.blur();
    const overlays = this.overlays();
    // every element unfocused read in one style and layout of the page, then each focused in turn: a
    // focus and a blur per element would lay the page out twice as often
    const plain = this.expected.map((element) => {
      const rect = element.getBoundingClientRect();
      return [this.drawnStyle(element), rect, this.backdrop(element), this.overlaid(element, rect, overlays),
        this.surroundings(element, rect), this.aroundStyles(element)];
    });
    const looks = this.expected.map((element, index) => {
      if (this.keyboardPathOf(element)) return null; // no keyboard focuses it: how it looks focused is nobody's
      element.focus({ focusVisible: true, preventScroll: true });
      // a frame's focus is in the framed page, which shows (or not) its own indicator; the browser's ring round a
      // control off screen shows nothing, and its label must
      const ring = acceptBrowserRing && (this.browserRing(getComputedStyle(element)) || element.tagName === "IFRAME" ||
        this.showsCaret(element)) && this.shownBy(element) === element;
      if (ring) return "browser-ring";
      const focused = [this.drawnStyle(element), element.getBoundingClientRect()];
      // only what focus changes around it: the same link in boxes that draw nothing on focus looks the same
      const around = this.aroundStyles(element).flatMap((style, level) => (style === plain[index][5][level] ? [] : [`${level}:${style}`]));
      // sizes to 16 px up to 32 px, then within a factor of two: the ring an indicator must cover grows
      // with the element, and so does an outline, border, shadow or background that shows focus
      const step = (length) => {
        const units = Math.round(length / 16);
        return units <= 2 ? units : 2 + Math.ceil(Math.log2(units / 2));
      };
      const size = (rect) => `${step(rect.width)}x${step(rect.height)}`;
      const [style, rect, backdrop, overlaid, surroundings] = plain[index];
      return [element.tagName, element.className, size(rect), size(focused[1]), style, focused[0],
        focused[1].top === rect.top, backdrop, overlaid, surroundings, around.join("/"), sheets].join("#");
    });
    if (document.activeElement) document.activeElement.blur();
    return looks;
  },

  // Which of the elements `indexes` the computed styles alone prove to show a focus indicator at least
  // `ring` px thick, in colours 3:1 apart from what is behind it: a solid outline, or a spread-only box
  // shadow, drawn (when focused, and never unfocused) over one opaque background colour,
  // with nothing else within reach of the ring, nothing clipping, fading or moving it. Anything else
  // (or any doubt) leaves the element to the focus pictures (focus_visible.py).
  drawnRings(indexes, ring) {
    const x = scrollX, y = scrollY;
    // a box the pointer passes through (pointer-events: none: a fade, a badge, a frame) is drawn over the ring all
    // the same, and the hit tests of clear() must meet it
    const restore = window.__guidekit.overrideStyles("*, *::before, *::after { pointer-events: auto !important; }");
    let drawn;
    try {
      drawn = indexes.map((index) => this.drawsRing(this.expected[index], ring));
    } finally {
      restore();
    }
    if (document.activeElement) document.activeElement.blur();
    window.scrollTo({ left: x, top: y, behavior: "instant" });
    return drawn;
  },

  // A field that takes typed text shows the browser's blinking caret while focused, which the understanding of
  // WCAG 2.4.7 names as a focus indicator (Furo's search field shows nothing else): on a page held to WCAG alone
  // it is enough when drawn 3:1 from the field's background (1.4.11).
  typedInto: "textarea, [contenteditable='true'], input:not([type]), input[type='text'], input[type='search'], " +
    "input[type='email'], input[type='url'], input[type='tel'], input[type='password'], input[type='number']",

  showsCaret(element) {
    if (!element.matches(this.typedInto) || element.readOnly) return false;
    const style = getComputedStyle(element);
    const caret = this.rgba(style.caretColor); // "auto" is the text's colour
    const own = this.rgba(style.backgroundColor);
    const behind = own && own[3] === 1 ? own : this.solidBackdrop(element);
    return Boolean(caret && caret[3] === 1 && behind && this.contrast(caret, behind) >= 3);
  },

  rgba(colour) {
    const parts = /^rgba?\(([\d.]+), ([\d.]+), ([\d.]+)(?:, ([\d.]+))?\)$/.exec(colour);
    return parts && [+parts[1], +parts[2], +parts[3], parts[4] === undefined ? 1 : +parts[4]];
  },

  contrast(one, other) {
    const luminance = (rgb) => rgb.slice(0, 3).map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    const [high, low] = [luminance(one), luminance(other)].sort((a, b) => b - a);
    return (high + 0.05) / (low + 0.05);
  },

  // The indicator's layers as [from, to, colour] in px outside the border box, in the order they are drawn
  // (the outline over the shadow); a translucent one (forced colours' Highlight) blends with what is under it.
  ringLayers(style) {
    const layers = [];
    const shadow = /^(rgba?\([^)]*\)) 0px 0px 0px ([\d.]+)px$/.exec(style.boxShadow);
    const shade = shadow && this.rgba(shadow[1]);
    if (shade) layers.push([0, parseFloat(shadow[2]), shade]);
    const width = parseFloat(style.outlineWidth), offset = parseFloat(style.outlineOffset);
    const outline = this.rgba(style.outlineColor);
    if (style.outlineStyle === "solid" && width > 0 && offset >= 0 && outline) {
      layers.push([offset, offset + width, outline]);
    }
    return layers;
  },

  still(style) {
    return style.transitionDuration.split(", ").every((time) => parseFloat(time) === 0) && style.animationName === "none";
  },

  drawsRing(element, ring) {
    if (element.getClientRects().length !== 1) return false; // a link over two lines: left to the pictures
    element.focus({ focusVisible: true, preventScroll: true });
    if (window.__guidekit.focused() !== element) return false;
    const focused = getComputedStyle(element);
    const layers = this.ringLayers(focused), still = this.still(focused), box = element.getBoundingClientRect();
    element.blur();
    const plain = getComputedStyle(element);
    const unmarked = (plain.outlineStyle === "none" || parseFloat(plain.outlineWidth) === 0) && plain.boxShadow === "none";
    const moved = ["left", "top", "width", "height"].some((side) => element.getBoundingClientRect()[side] !== box[side]);
    if (!layers.length || !unmarked || moved || !still || !this.still(plain) || !this.plainlyPainted(plain)) return false;
    const backdrop = this.solidBackdrop(element);
    if (!backdrop) return false;
    // px of the ring, from the box outwards, whose colour is 3:1 from the backdrop; the outline is drawn over the shadow
    const reach = Math.max(...layers.map(([, to]) => to));
    let shown = 0;
    for (let at = 0.5; at < reach; at += 1) {
      const painted = layers.filter(([from, to]) => from <= at && at < to)
        .reduce((under, [, , [r, g, b, a]]) => [r, g, b].map((value, i) => a * value + (1 - a) * under[i]), backdrop);
      if (this.contrast(painted, backdrop) >= 3.1) shown += 1;
    }
    // 3.1 and a px to spare: colours are rounded and the ring's edges fall between device pixels
    return shown >= ring + 1 && this.clear(element, reach);
  },

  plainlyPainted(style) {
    return style.opacity === "1" && style.filter === "none" && style.transform === "none" && style.mixBlendMode === "normal" &&
      style.clipPath === "none" && style.maskImage === "none";
  },

  // The one opaque background colour every ancestor shows through, if there is one; null when a picture, a
  // translucent colour, a fade, a transform or a filter may change what is behind the ring.
  solidBackdrop(element) {
    let colour = null;
    const g = window.__guidekit;
    for (let node = g.parentOf(element); node; node = g.parentOf(node)) {
      const style = getComputedStyle(node);
      if (!this.plainlyPainted(style)) return null;
      if (colour) continue;
      if (style.backgroundImage !== "none") return null;
      const rgba = this.rgba(style.backgroundColor);
      if (!rgba) return null;
      if (rgba[3] === 1) colour = rgba;
      else if (rgba[3] !== 0) return null;
    }
    return colour;
  },

  // Whether the ring, `reach` px round the element centred in the window, is all on screen, inside every
  // clipping ancestor, over no other element and over no text but the element's own.
  clear(element, reach) {
    element.scrollIntoView({ block: "center", inline: "nearest", behavior: "instant" });
    const box = element.getBoundingClientRect();
    const ring = { left: box.left - reach, top: box.top - reach, right: box.right + reach, bottom: box.bottom + reach };
    if (ring.left < 0 || ring.top < 0 || ring.right > innerWidth || ring.bottom > innerHeight) return false;
    const within = (outer) => ring.left >= outer.left && ring.top >= outer.top && ring.right <= outer.right && ring.bottom <= outer.bottom;
    const meets = (rect) => rect.left < ring.right && rect.right > ring.left && rect.top < ring.bottom && rect.bottom > ring.top;
    const g = window.__guidekit;
    for (let node = g.parentOf(element); node; node = g.parentOf(node)) {
      const style = getComputedStyle(node);
      if (style.overflowX !== "visible" || style.overflowY !== "visible" || /paint|strict|content/.test(style.contain)) {
        const outer = node.getBoundingClientRect();
        const inner = { left: outer.left + node.clientLeft, top: outer.top + node.clientTop };
        if (node !== document.documentElement && node !== document.body &&
          !within({ ...inner, right: inner.left + node.clientWidth, bottom: inner.top + node.clientHeight })) return false;
      }
    }
    const ancestors = new Set();
    const mid = reach / 2;
    const xs = [ring.left + mid, box.left, (box.left + box.right) / 2, box.right, ring.right - mid];
    const ys = [ring.top + mid, box.top, (box.top + box.bottom) / 2, box.bottom, ring.bottom - mid];
    for (const [px, py] of xs.flatMap((px, i) => ys.map((py, j) => [px, py, i, j]))
      .filter(([, , i, j]) => i === 0 || i === 4 || j === 0 || j === 4)) {
      for (const hit of element.getRootNode().elementsFromPoint(px, py)) {
        if (hit === element || !g.holds(hit, element)) return false;
        ancestors.add(hit);
      }
    }
    // an ancestor's own text (a link inside a sentence) may come within the ring, and so may its generated content
    const range = document.createRange();
    for (const node of ancestors) {
      if (node !== document.documentElement && node !== document.body &&
        ["::before", "::after", "::marker"].some((pseudo) => !["none", "normal"].includes(getComputedStyle(node, pseudo).content))) return false;
      for (const child of node.childNodes) {
        if (child.nodeType !== Node.TEXT_NODE || !child.textContent.trim()) continue;
        range.selectNodeContents(child);
        if ([...range.getClientRects()].some(meets)) return false;
      }
    }
    return true;
  },

  // How long the part of the element's outline inside the window is: a box taller or wider than the
  // window shows only the edges that are on screen, and only those can show an indicator.
  visibleEdges(box) {
    const width = Math.max(0, Math.min(box.right, innerWidth) - Math.max(box.left, 0));
    const height = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0));
    return (box.top >= 0) * width + (box.bottom <= innerHeight) * width + (box.left >= 0) * height + (box.right <= innerWidth) * height;
  },

  // The page's animations and transitions before a focus or blur: what runs after it and not before, it set off.
  running() {
    return new Set(window.__guidekit.animations());
  },

  // What focus or blur set off (a ring that fades in, a skip link that slides into view) where a reader sees it:
  // where it ends, or where it is SETTLE_MS after it began if it runs longer, played forward there at once (a
  // wait on the clock once left a skip link mid-slide, off the screen, on a loaded machine). What was running
  // before (a slow carousel) is left alone. Returns what was set off.
  settled(before) {
    const g = window.__guidekit;
    const started = g.animations().filter((animation) => !before.has(animation));
    g.playForward(started, g.SETTLE_MS);
    return started;
  },

  // Put element `index` in the middle of the window, unfocused, and say which part of the window to photograph;
  // null when the page has taken it away since looks() read it (content-visibility: auto's skipping is not taking
  // away: scrolled into view, the element is drawn).
  prepare(index) {
    this.untick();
    // what the steps before set off (the walk's last Tab leaving a search that shades the page) as a reader at
    // rest sees it
    window.__guidekit.settleTransitions();
    const control = this.expected[index];
    if (!control.getClientRects().length || !control.checkVisibility({ visibilityProperty: true })) return null;
    const running = this.running();
    if (document.activeElement) document.activeElement.blur();
    this.tickAsReached(control);
    return this.framed(control, running);
  },

  framed(control, runningBefore) {
    let running = runningBefore;
    // centred where it shows when focused (a skip link moves on focus): room on every side for an outline
    control.focus({ focusVisible: true, preventScroll: true });
    this.settled(running);
    const element = this.shownBy(control);
    element.scrollIntoView({ block: "center", inline: "nearest" });
    const focused = element.getBoundingClientRect();
    running = this.running();
    control.blur();
    this.settled(running);
    const plain = element.getBoundingClientRect();
    const pad = 12; // indicators drawn outside the box (outline offset, box shadow)
    const left = Math.max(0, Math.min(focused.left, plain.left) - pad);
    const top = Math.max(0, Math.min(focused.top, plain.top) - pad);
    const right = Math.min(innerWidth, Math.max(focused.right, plain.right) + pad);
    const bottom = Math.min(innerHeight, Math.max(focused.bottom, plain.bottom) + pad);
    // a link wrapped over two lines is two boxes: its indicator goes round each of them
    const boxes = plain.width * plain.height > 0 ? [...element.getClientRects()] : [focused];
    this.mark();
    return {
      // screenshot clips are measured from the top of the document, not of the window
      clip: { x: left + scrollX, y: top + scrollY, width: Math.max(1, right - left), height: Math.max(1, bottom - top) },
      perimeter: boxes.reduce((sum, box) => sum + this.visibleEdges(box), 0),
      shortest: plain.width * plain.height > 0 ? Math.min(plain.width, plain.height) : Math.min(focused.width, focused.height),
      visible: right - left >= 1 && bottom - top >= 1,
    };
  },

  // A radio button that the keyboard reaches only by the arrow keys (one of a group with another ticked) is
  // ticked as they reach it, and photographed so, as its reader sees it focused: tabs made of radio buttons (as
  // Material for MkDocs' content tabs are) may ring only the ticked one's label. The group's own choice is ticked
  // again by the next prepare(), or by untick() once the pictures are taken.
  tickAsReached(control) {
    if (control.type !== "radio" || control.checked || !control.name) return;
    const ticked = [...(control.form || document).querySelectorAll('input[type="radio"]')]
      .find((radio) => radio.checked && radio.name === control.name && radio.form === control.form);
    if (!ticked) return;
    this.choiceBefore = ticked;
    control.click(); // as an arrow key ticks it: with its click, input and change events
  },

  untick() {
    if (this.choiceBefore && !this.choiceBefore.checked) this.choiceBefore.click();
    this.choiceBefore = null;
  },

  // Focused, unless the picture unfocused was taken while the page still answered what came before it: then
  // framed again once that has played out, for another picture, and focused by the next call (settle false).
  focus(index, settle) {
    const control = this.expected[index];
    if (settle && this.changedSinceMark()) return { reframed: this.framed(control, this.running()) };
    const running = this.running();
    control.focus({ focusVisible: true, preventScroll: true });
    this.settled(running);
    this.mark();
    return { focused: window.__guidekit.focused() === control };
  },

  // A page may answer a focus, a blur or a tick a moment later, from a timer or its next frame (a search that
  // shades the page while it is used lifts the shade after the focus has gone on), so a picture may show what
  // came before. mark() notes the page as the gate left it; changedSinceMark() says whether the page changed
  // since, and plays what it set off to where a reader sees it, as settled() does for what a focus sets off.
  mark() {
    const watched = { attributes: true, childList: true, characterData: true, subtree: true };
    if (!this.watcher) {
      this.watcher = new MutationObserver(() => { this.mutated = true; });
      this.watcher.observe(document.documentElement, watched);
    }
    // and inside the web components (a component drawn since the last mark, too)
    for (const scope of window.__guidekit.shadowScopes()) this.watcher.observe(scope, watched);
    this.watcher.takeRecords();
    this.mutated = false;
    this.marked = this.running();
  },

  changedSinceMark() {
    const changed = this.watcher.takeRecords().length > 0 || this.mutated;
    return this.settled(this.marked).length > 0 || changed;
  },

  // The focus taken off what was pictured; whether Escape may dismiss what its focus opened: not while a modal
  // dialog is open, whose elements are still to be pictured.
  leave() {
    if (document.activeElement) document.activeElement.blur();
    return window.__guidekit.deepQuery(":modal, [aria-modal='true']").length === 0;
  },
};
