// WCAG 2.1.1, 2.1.2, 2.4.3, 2.4.7, 2.4.11: the page as a keyboard user meets it. keyboard.py presses Tab;
// this script notes where each press left the focus, and prepares each element for the focus pictures.
window.__guidekit.keyboard = {
  // Links and controls, native or made with ARIA roles: the keyboard must reach every one of them,
  // whatever tabindex says; other elements only when they ask for focus with tabindex >= 0.
  controls: "a[href], area[href], button, input:not([type='hidden']), select, textarea, summary, iframe, " +
    "audio[controls], video[controls], [contenteditable='true'], [role='button'], [role='link'], [role='checkbox'], " +
    "[role='radio'], [role='switch'], [role='tab'], [role='menuitem'], [role='option'], [role='slider']",

  reachable(element) {
    if (!element.matches(this.controls) && element.tabIndex < 0) return false;
    if (element.disabled || element.closest("[inert]")) return false;
    if (element.tagName === "SUMMARY" && element.parentElement.querySelector(":scope > summary") !== element) return false;
    return window.__guidekit.isRendered(element);
  },

  // A composite widget is one Tab stop whose parts the arrow keys walk: a radio group (one name in one form)
  // or the items of an ARIA composite (a listbox, menu, tab list, toolbar ...).
  composites: "[role='radiogroup'], [role='listbox'], [role='menu'], [role='menubar'], [role='tablist'], [role='tree'], " +
    "[role='treegrid'], [role='grid'], [role='toolbar']",
  items: "[role='radio'], [role='option'], [role='menuitem'], [role='menuitemcheckbox'], [role='menuitemradio'], [role='tab'], " +
    "[role='treeitem'], [role='row'], [role='gridcell']",

  widgetOf(element) {
    if (element.matches("input[type='radio']") && element.name) return `radio ${[...document.forms].indexOf(element.form)} ${element.name}`;
    const widget = element.closest(this.composites);
    return widget && (element.matches(this.items) || widget.matches("[role='toolbar']")) ? widget : null;
  },

  // The elements a keyboard user must be able to reach, in document order, and the composite widget of each:
  // the index of its group, or -1 for an element that is a Tab stop of its own.
  collect() {
    this.expected = [...document.querySelectorAll(`${this.controls}, [tabindex]`)].filter((element) => this.reachable(element));
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
    this.listener = () => this.arrived.add(this.expected.indexOf(document.activeElement));
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
  },

  // After a timer turn, so that a handler's setTimeout has run: whether the focus is back on the stop
  async tookBack(index) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    const back = document.activeElement === this.expected[index];
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

  multipart: "input[type='date'], input[type='time'], input[type='datetime-local'], input[type='month'], input[type='week']",

  box(element) {
    const rect = element.getBoundingClientRect();
    return { left: rect.left + scrollX, top: rect.top + scrollY, width: rect.width, height: rect.height };
  },

  // Called when the next Tab goes down: the previous one has moved focus and scrolled by now.
  record() {
    const element = document.activeElement;
    if (!element || element === document.body || element === document.documentElement) {
      this.log.push(null);
      return;
    }
    const last = this.log[this.log.length - 1];
    if (last && element.matches(this.multipart) && last.index === this.expected.indexOf(element)) return; // its next part
    const g = window.__guidekit;
    this.log.push({
      index: this.expected.indexOf(element),
      ...g.where(element),
      tabindex: element.tabIndex,
      box: this.box(element),
      hiddenBy: this.hiddenBy(element),
    });
  },

  // 2.4.11: the element whose box covers every visible point of the focused element, if any.
  hiddenBy(element) {
    const rect = element.getBoundingClientRect();
    const left = Math.max(rect.left, 0), right = Math.min(rect.right, innerWidth);
    const top = Math.max(rect.top, 0), bottom = Math.min(rect.bottom, innerHeight);
    if (right - left < 1 || bottom - top < 1) return { offscreen: true };
    let cover = null;
    for (const fx of [0.1, 0.5, 0.9]) {
      for (const fy of [0.1, 0.5, 0.9]) {
        const hit = document.elementFromPoint(left + (right - left) * fx, top + (bottom - top) * fy);
        if (!hit || element.contains(hit) || hit.contains(element)) return null;
        cover = cover || hit;
      }
    }
    return window.__guidekit.where(cover);
  },

  finish() {
    this.record();
    window.removeEventListener("keydown", this.listener, true);
    this.unstyle();
    this.frames.forEach(([frame, tabindex]) => (tabindex === null ? frame.removeAttribute("tabindex") : frame.setAttribute("tabindex", tabindex)));
    const g = window.__guidekit;
    return {
      expected: this.expected.map((element, index) => ({ ...g.where(element), tabindex: element.tabIndex, group: this.groups[index] })),
      log: this.log,
      framed: this.expected.flatMap((element, index) => (element.tagName === "IFRAME" && element.tabIndex >= 0 ? [index] : [])),
    };
  },

  focusStyle(element) {
    const style = getComputedStyle(element);
    return ["outline", "box-shadow", "background-color", "color", "border-color", "border-width", "border-style",
      "text-decoration", "opacity", "transform"].map((name) => style.getPropertyValue(name)).join("|");
  },

  // The colour behind the element: the same element on another background may show its focus differently.
  backdrop(element) {
    for (let node = element.parentElement; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") return colour;
    }
    return "canvas";
  },

  // The browser's own focus ring (outline-style auto, drawn in two tones so it shows on any backdrop):
  // WCAG 2.4.7 accepts it, so an element that keeps it needs no picture.
  browserRing(style) {
    return style.outlineStyle === "auto" && !/^rgba\(.*, 0\)$|^transparent$/.test(style.outlineColor);
  },

  // For each element, what decides how it looks focused and unfocused: equal keys look alike; BROWSER_RING
  // (focus_visible.py) for an element that shows the browser's own ring, where that ring is enough.
  looks(acceptBrowserRing) {
    this.collect();
    const sheets = [...document.styleSheets].map((sheet) => sheet.href).join(" ");
    return this.expected.map((element) => {
      element.focus({ focusVisible: true, preventScroll: true });
      // a frame's focus is in the framed page, which shows (or not) its own indicator
      const ring = acceptBrowserRing && (this.browserRing(getComputedStyle(element)) || element.tagName === "IFRAME");
      const focused = [this.focusStyle(element), element.getBoundingClientRect()];
      element.blur();
      if (ring) return "browser-ring";
      const plain = [this.focusStyle(element), element.getBoundingClientRect()];
      // sizes to 16 px up to 32 px, then within a factor of two: the ring an indicator must cover grows
      // with the element, and so does an outline, border, shadow or background that shows focus
      const step = (length) => {
        const units = Math.round(length / 16);
        return units <= 2 ? units : 2 + Math.ceil(Math.log2(units / 2));
      };
      const size = (rect) => `${step(rect.width)}x${step(rect.height)}`;
      return [element.tagName, element.className, size(plain[1]), size(focused[1]), plain[0], focused[0],
        focused[1].top === plain[1].top, this.backdrop(element), sheets].join("#");
    });
  },

  // How long the part of the element's outline inside the window is: a box taller or wider than the
  // window shows only the edges that are on screen, and only those can show an indicator.
  visibleEdges(box) {
    const width = Math.max(0, Math.min(box.right, innerWidth) - Math.max(box.left, 0));
    const height = Math.max(0, Math.min(box.bottom, innerHeight) - Math.max(box.top, 0));
    return (box.top >= 0) * width + (box.bottom <= innerHeight) * width + (box.left >= 0) * height + (box.right <= innerWidth) * height;
  },

  // Put element `index` in the middle of the window, unfocused, and say which part of the window to photograph.
  prepare(index) {
    const element = this.expected[index];
    if (document.activeElement) document.activeElement.blur();
    // centred where it shows when focused (a skip link moves on focus): room on every side for an outline
    element.focus({ focusVisible: true, preventScroll: true });
    element.scrollIntoView({ block: "center", inline: "nearest" });
    const focused = element.getBoundingClientRect();
    element.blur();
    const plain = element.getBoundingClientRect();
    const pad = 12; // indicators drawn outside the box (outline offset, box shadow)
    const left = Math.max(0, Math.min(focused.left, plain.left) - pad);
    const top = Math.max(0, Math.min(focused.top, plain.top) - pad);
    const right = Math.min(innerWidth, Math.max(focused.right, plain.right) + pad);
    const bottom = Math.min(innerHeight, Math.max(focused.bottom, plain.bottom) + pad);
    // a link wrapped over two lines is two boxes: its indicator goes round each of them
    const boxes = plain.width * plain.height > 0 ? [...element.getClientRects()] : [focused];
    return {
      // screenshot clips are measured from the top of the document, not of the window
      clip: { x: left + scrollX, y: top + scrollY, width: Math.max(1, right - left), height: Math.max(1, bottom - top) },
      perimeter: boxes.reduce((sum, box) => sum + this.visibleEdges(box), 0),
      visible: right - left >= 1 && bottom - top >= 1,
    };
  },

  focus(index) {
    this.expected[index].focus({ focusVisible: true, preventScroll: true });
    return document.activeElement === this.expected[index];
  },
};
