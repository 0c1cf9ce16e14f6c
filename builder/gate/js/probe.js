// Runs inside every checked page (installed once per browser context), before the page's own
// scripts. The other check scripts build on the helpers defined here.
// The page's Content-Security-Policy blocks other hosts before any request leaves the browser,
// so what it refuses is collected here for the gate to report, with the element whose inline style or
// script it refused (the document itself for a request).
const policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  policyViolations.push({
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    where: event.target instanceof Element ? window.__guidekit.where(event.target) : {},
  }));

// Elements the page gives a mouse handler, noted as the page's scripts add them: barriers.js asks whether
// the keyboard can do the same.
const clickable = new WeakSet();
// Where the page acts when focus leaves: keyboard.py asks whether it takes the focus back (WCAG 2.1.2).
const focusWatched = new Set();
// Whether the page's scripts answer a new window size or a new setting of the reader's (a media query's change,
// the window's resize, an observed box's new size): the browser runs them at its next frame, which the gate
// waits for before it measures (settleChange).
const answers = { window: false };
const listen = EventTarget.prototype.addEventListener;
EventTarget.prototype.addEventListener = function (type, ...rest) {
  if (this instanceof Element && /^(click|dblclick|mousedown|mouseup|pointerdown|pointerup)$/.test(type)) clickable.add(this);
  if (/^(blur|focusout)$/.test(type)) focusWatched.add(this);
  if ((this === window && type === "resize") || (this instanceof MediaQueryList && type === "change")) answers.window = true;
  return listen.call(this, type, ...rest);
};
for (const [prototype, name] of [[MediaQueryList.prototype, "addListener"], [ResizeObserver.prototype, "observe"]]) {
  const original = prototype[name];
  prototype[name] = function (...rest) {
    answers.window = true;
    return original.apply(this, rest);
  };
}
// The shadow roots the page's scripts attach, by their hosts, closed ones too (no script outside them can
// reach those through their hosts): guidekit's checks go inside them
const shadowRoots = [];
const shadowRootOfHost = new WeakMap();
const shadowRootProperty = Object.getOwnPropertyDescriptor(Element.prototype, "shadowRoot");
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (...rest) {
  const root = attachShadow.apply(this, rest);
  shadowRoots.push(root);
  shadowRootOfHost.set(this, root);
  return root;
};

// Dialogs the pytest plugin's copy of a test's tab had open as modals (snapshot.js), open so again
const reopenedModals = new WeakSet();
listen.call(document, "DOMContentLoaded", () => {
  for (const dialog of document.querySelectorAll("dialog[data-guidekit-modal]")) {
    dialog.removeAttribute("data-guidekit-modal");
    dialog.showModal();
    reopenedModals.add(dialog);
  }
  for (const popover of document.querySelectorAll("[data-guidekit-popover]")) {
    popover.removeAttribute("data-guidekit-popover");
    if (popover.showPopover) popover.showPopover();
  }
});

window.__guidekit = {
  policyViolations,
  reopenedModals,
  // Answers go back to the gate as JSON text (probes.py), written by the browser's own
  // JSON.stringify even when the page's scripts replace it.
  stringify: JSON.stringify.bind(JSON),
  clickable,
  focusWatched,
  // the browser's own: what the gate's scripts listen for is not the page's
  listen: (target, type, handler) => listen.call(target, type, handler),

  // Where an element comes from: its Markdown line, or the component example or template that made it; for
  // one a web component draws in its shadow DOM, where the component stands in the page.
  origin(element) {
    const root = element && element.getRootNode ? element.getRootNode() : null;
    if (root instanceof ShadowRoot) return this.origin(root.host);
    const from = (selector) => (element && element.closest ? element.closest(selector) : null);
    // a wrapper drawn around one block of the editor's (a table's scrolling region) is that block
    const only = element && element.childElementCount === 1 ? element.firstElementChild : null;
    const lines = "[data-line], [data-html-line]";
    const traced = from(lines) || (only && only.matches(lines) ? only : null);
    // HTML an editor wrote among their Markdown (a MkDocs page) has its line too, and the advice for HTML
    if (traced && traced.hasAttribute("data-html-line")) return { line: Number(traced.getAttribute("data-html-line")), html: true };
    if (traced) return { line: Number(traced.getAttribute("data-line")) };
    const example = from("[data-guidekit-example]");
    if (example) return { example: example.getAttribute("data-guidekit-example") };
    const template = from("[data-template]");
    if (!template) return this.written(element);
    // an empty name: the page's own Markdown, where it left no line (raw HTML in a MkDocs page)
    const name = template.getAttribute("data-template");
    return name ? { template: name } : { markdown: true };
  },

  // An element of a page guidekit did not write, as its HTML would show it: its tag, its place among the
  // page's elements of that tag, how many there are, its id (source_lines.py finds its line from these).
  written(element) {
    if (!element || element.nodeType !== 1) return {};
    const all = document.getElementsByTagName(element.localName);
    return { tag: element.localName.toLowerCase(), place: Array.prototype.indexOf.call(all, element),
      count: all.length, id: element.getAttribute("id") };
  },

  // A selector that names the element the same way on every page built from the same template or line; one
  // inside a web component's shadow DOM is named after its component, then inside it (the old deep
  // combinator's >>>).
  describe(element) {
    if (!element || element.nodeType !== 1) return "";
    const parts = [];
    for (let node = element; node && node.nodeType === 1 && parts.length < 4; node = node.parentElement) {
      const tag = node.tagName.toLowerCase();
      if (tag === "html" || tag === "body") break;
      // attributes, not properties: a form's field named "id" or "className" shadows the form's
      // own, and an SVG element's className is no string
      const id = node.getAttribute("id");
      // a heading's id is its own text made an anchor: it would tell one template's heading apart on every page
      let part = tag + (id && !/^h[1-6]$/.test(tag) ? "#" + CSS.escape(id) : "");
      const classes = this.startingClasses(node).filter((name) => !name.startsWith("gk-focus"));
      part += classes.map((name) => "." + CSS.escape(name)).join("");
      // the top of a shadow DOM is its root's child
      const parent = node.parentElement || (node.parentNode instanceof ShadowRoot ? node.parentNode : null);
      const place = parent && this.placesAmongSiblings(parent).get(node);
      if (place && place.twinned) part += `:nth-of-type(${place.nth})`;
      parts.unshift(part);
      if (node.matches("[data-line], [data-html-line], [data-template], [data-guidekit-example]")) break;
    }
    const root = element.getRootNode();
    return (root instanceof ShadowRoot ? `${this.describe(root.host)} >>> ` : "") + parts.join(" > ");
  },

  // Where each child of a parent stands among the siblings of its tag (nth-of-type), and whether another
  // sibling has its tag and class: worked out once a parent while the page's elements stay as they are.
  // Counted sibling by sibling for each element, describing every link of a list of 700 cost a
  // millisecond a link.
  placesAmongSiblings(parent) {
    // the watch sees the document's changes, not those inside a shadow root
    if (parent.getRootNode() !== document) return this.placesOf(parent);
    if (!this.siblingWatch) {
      this.siblingWatch = new MutationObserver(() => { this.siblingPlaces = new WeakMap(); });
      this.siblingWatch.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
      this.siblingPlaces = new WeakMap();
    }
    // changes not yet passed to the observer's callback: this very script may have made them
    if (this.siblingWatch.takeRecords().length) this.siblingPlaces = new WeakMap();
    let places = this.siblingPlaces.get(parent);
    if (!places) {
      places = this.placesOf(parent);
      this.siblingPlaces.set(parent, places);
    }
    return places;
  },

  placesOf(parent) {
    const places = new Map();
    const ofTag = new Map(), ofLook = new Map();
    for (const child of parent.children) {
      const look = [child.tagName, this.startingClasses(child).join(" ")];
      const key = JSON.stringify(look);
      ofTag.set(child.tagName, (ofTag.get(child.tagName) || 0) + 1);
      ofLook.set(key, (ofLook.get(key) || 0) + 1);
      places.set(child, { nth: ofTag.get(child.tagName), key });
    }
    for (const place of places.values()) place.twinned = ofLook.get(place.key) > 1;
    return places;
  },

  // The shadow roots of the web components in the page, open and closed.
  shadowScopes() {
    return shadowRoots.filter((root) => root.host.isConnected);
  },

  // A shadow root the page's HTML declared (declarative_shadow.py finds them): no attachShadow call made it.
  adoptShadowRoot(root) {
    if (shadowRootOfHost.get(root.host) === root) return;
    shadowRoots.push(root);
    shadowRootOfHost.set(root.host, root);
  },

  // An element's shadow root, open or closed, when it is a web component's host.
  shadowRootOf(element) {
    return element.shadowRoot || shadowRootOfHost.get(element) || null;
  },

  // The elements matching `selector` inside `within`, in the order Tab meets them: what a web component draws in
  // its shadow DOM where the component stands, and what the page puts in the component's slots where each slot
  // stands.
  deepQuery(selector, within = document) {
    if (!shadowRoots.length) return [...within.querySelectorAll(selector)];
    const found = [];
    const visit = (element) => {
      if (element.matches(selector)) found.push(element);
      for (const child of this.drawnChildren(element)) visit(child);
    };
    for (const child of within === document ? [document.documentElement] : this.drawnChildren(within)) visit(child);
    return found;
  },

  // The elements drawn directly inside an element (the flat tree's children): a web component's shadow DOM, the
  // elements put in a slot (its own children when none are), or else its children.
  drawnChildren(element) {
    const root = this.shadowRootOf(element);
    const slotted = element.tagName === "SLOT" ? element.assignedElements() : [];
    return root ? root.children : slotted.length ? slotted : element.children;
  },

  // The nearest of the element and what it is drawn inside that matches `selector` (closest() stops at the top
  // of a shadow DOM, and knows nothing of slots).
  drawnInside(element, selector) {
    if (!shadowRoots.length) return element.closest(selector);
    for (let node = element; node; node = this.parentOf(node)) if (node.matches(selector)) return node;
    return null;
  },

  // The nearest of the element and its ancestors that matches `selector`, on from the top of a shadow DOM through
  // its component: where an element's language comes from (an attribute inherited through the node tree, not from
  // the slot that draws it).
  closestAcrossRoots(element, selector) {
    for (let node = element; node; node = node.parentElement || (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null)) {
      if (node.matches(selector)) return node;
    }
    return null;
  },

  // Where to walk the page's text from: its body, and each web component's shadow root (the body's text walker
  // does not go inside).
  textScopes() {
    return [document.body, ...this.shadowScopes()];
  },

  // The element that has the focus, inside the web component that holds it (the document names the
  // component alone).
  focused() {
    let element = document.activeElement;
    for (let root = element && this.shadowRootOf(element); root && root.activeElement; root = this.shadowRootOf(element)) {
      element = root.activeElement;
    }
    return element;
  },

  // The page's animations and transitions, those inside web components' shadow DOM too (the document's own list
  // leaves them out).
  animations() {
    const roots = this.shadowScopes();
    return roots.length ? [...new Set([...document.getAnimations(), ...roots.flatMap((root) => root.getAnimations())])]
      : document.getAnimations();
  },

  // What an element is drawn inside: the slot it is put in, its parent, or, from the top of a shadow DOM, the
  // component (the flat tree's parent).
  parentOf(node) {
    return node.assignedSlot || node.parentElement || (node.parentNode instanceof ShadowRoot ? node.parentNode.host : null);
  },

  // Whether `outer` is drawn around `inner`, across the shadow roots and slots between them (contains() does not
  // cross them).
  holds(outer, inner) {
    if (!shadowRoots.length) return outer.contains(inner);
    for (let node = inner; node; node = node.assignedSlot || node.parentNode || node.host) if (node === outer) return true;
    return false;
  },

  // The classes an element had when the check began (watchClasses): the page's scripts mark what the gate's
  // keys and presses touch (a focus-visible polyfill, an "is-open"), and a finding names the element as the
  // page has it, the same way on every page and in a waiver.
  startingClasses(element) {
    if (this.classWatch) this.noteClassChanges(this.classWatch.takeRecords());
    const classes = this.classesAtStart && this.classesAtStart.has(element)
      ? this.classesAtStart.get(element) : element.getAttribute("class");
    return (classes || "").split(/\s+/).filter(Boolean);
  },

  watchClasses() {
    if (this.classWatch) return;
    this.classesAtStart = new WeakMap();
    this.classWatch = new MutationObserver((records) => this.noteClassChanges(records));
    this.classWatch.observe(document, { subtree: true, attributes: true, attributeFilter: ["class"], attributeOldValue: true });
  },

  noteClassChanges(records) {
    for (const record of records) {
      if (!this.classesAtStart.has(record.target)) this.classesAtStart.set(record.target, record.oldValue);
    }
  },

  // The text an element shows: on a page with web components, as the browser draws it (what a component draws in
  // its shadow DOM rather than what it holds, what the page puts in a slot where the slot stands).
  text(element) {
    return (shadowRoots.length ? this.drawnText(element) : element.textContent || "").replace(/\s+/g, " ").trim();
  },

  drawnText(node) {
    if (node.nodeType === Node.TEXT_NODE) return node.data;
    if (node.nodeType !== Node.ELEMENT_NODE || /^(STYLE|SCRIPT|TEMPLATE)$/.test(node.tagName)) return "";
    const root = this.shadowRootOf(node);
    const slotted = node.tagName === "SLOT" ? node.assignedNodes() : [];
    const parts = root ? root.childNodes : slotted.length ? slotted : node.childNodes;
    return Array.prototype.map.call(parts, (part) => this.drawnText(part)).join("");
  },

  // What a finding needs to know about an element: where it comes from and how to recognise it.
  where(element) {
    return { ...this.origin(element), element: this.describe(element), snippet: this.text(element).slice(0, 60) };
  },

  // Styles laid over the page while a check runs, and over each web component's shadow DOM, which the
  // document's styles do not reach; returns what takes them off again. A constructed sheet, because the
  // Content-Security-Policy of guidekit's pages (and many others) refuses an inline <style>: one added that
  // way would silently change nothing.
  overrideStyles(css) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    const scopes = [document, ...this.shadowScopes()];
    for (const scope of scopes) scope.adoptedStyleSheets = [...scope.adoptedStyleSheets, sheet];
    return () => {
      for (const scope of scopes) scope.adoptedStyleSheets = scope.adoptedStyleSheets.filter((other) => other !== sheet);
    };
  },

  // How far forward what the gate sets off is played (window.py, keyboard.js): where it ends, or where it is
  // this long after it began if it runs longer.
  SETTLE_MS: 1000,

  // What the gate set off (the transitions of a new window size: a side menu sliding off a phone's screen; of a
  // key press: a shade lifted once the focus leaves a search) where it ends. Transitions run only when a style
  // changes, so those running now are answers to a change; an endless animation (a spinner) or a slow one that
  // was running before (a carousel) is left as it is.
  settleTransitions() {
    this.playForward(this.animations().filter((animation) => animation instanceof CSSTransition), this.SETTLE_MS);
  },

  // After the gate changed the window or the reader's settings: the page's scripts' answer, when they listen (a
  // menu button GOV.UK Frontend shows below a width, a table a script fits to a phone), at the browser's next
  // frame and what those set off before the frame after; then the transitions it all set off where they end.
  async settleChange() {
    if (answers.window || window.onresize) await this.frames(2);
    this.settleTransitions();
  },

  // Once the browser has drawn `count` more frames: what the page's handlers did by then is on the page.
  async frames(count) {
    for (let drawn = 0; drawn < count; drawn += 1) await new Promise((done) => requestAnimationFrame(() => done()));
  },

  // How many changes the page makes to its elements over the next `count` frames (inside web components' shadow
  // DOM too, and the shadow roots it attaches): a page whose scripts draw it over several frames, as Stencil's
  // components spread their first drawing over frames with nothing left to load, is not drawn yet.
  async changesOver(count) {
    let changes = 0;
    const watch = new MutationObserver((records) => { changes += records.length; });
    for (const scope of [document, ...this.shadowScopes()]) {
      watch.observe(scope, { subtree: true, childList: true, attributes: true, characterData: true });
    }
    const roots = shadowRoots.length;
    await this.frames(count);
    changes += watch.takeRecords().length + shadowRoots.length - roots;
    watch.disconnect();
    return changes;
  },

  // Each of `animations` where it will be `ms` of the page's own time from now, or at its end if sooner, at
  // once: waiting on the clock instead leaves it wherever a busy machine's late frames left it. Endless and
  // paused ones, and ones played backwards, are left as they are.
  playForward(animations, ms) {
    for (const animation of animations) {
      const end = animation.effect?.getComputedTiming().endTime;
      const rate = animation.playbackRate;
      if (animation.playState !== "running" || !Number.isFinite(end) || rate <= 0) continue;
      const now = animation.currentTime || 0;
      if ((end - now) / rate <= ms) animation.finish();
      else animation.currentTime = now + ms * rate;
    }
  },

  // An element's box, or, when it has none of its own, the box of what it holds: round a link about a floated
  // span (a Sphinx page's "[source]") the browser draws its focus ring, and a summary whose only content is
  // its chevron, placed at the edge of its item (a Sphinx theme's side menu), is pressed on the chevron.
  boxOf(element) {
    const rect = element.getBoundingClientRect();
    if (rect.width >= 1 && rect.height >= 1) return rect;
    const range = document.createRange();
    range.selectNodeContents(element);
    const inner = range.getBoundingClientRect();
    return inner.width >= 1 && inner.height >= 1 ? inner : rect;
  },

  // The labels that may draw a form control hidden in place (of no size, or moved off the screen): its own, and
  // the label right after it, which `input:focus + label` styles. Custom tick boxes, radio buttons and switches
  // are made that way, and Material for MkDocs' colour switch puts there the label of the other button.
  labelsDrawing(element) {
    const next = element.nextElementSibling;
    return [...new Set([...(element.labels || []), ...(next && next.tagName === "LABEL" ? [next] : [])])];
  },

  // Drawn on the page: not display:none, not invisible, not inside a closed <details> (content-visibility).
  isRendered(element) {
    return element.getClientRects().length > 0 && element.checkVisibility({ visibilityProperty: true, contentVisibilityAuto: true });
  },

  // Clipped to nothing, by itself or an ancestor: hidden for the eye alone (a skip link until it is focused), seen
  // and pressed by nobody, whatever size its box keeps (VitePress keeps its skip link's padding).
  isClippedAway(element) {
    for (let node = element; node && node !== document.body; node = this.parentOf(node)) {
      const style = getComputedStyle(node);
      const inset = /^inset\((\d+(?:\.\d+)?)%/.exec(style.clipPath);
      if (inset && Number(inset[1]) >= 50) return true;
      const rect = /^rect\(([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px,? ([-\d.]+)px\)$/.exec(style.clip);
      if (rect && (style.position === "absolute" || style.position === "fixed")) {
        const [top, right, bottom, left] = rect.slice(1).map(Number);
        if (right - left < 1 || bottom - top < 1) return true;
      }
    }
    return false;
  },

  // Laid out but seen by nobody: it, or an ancestor, is wholly transparent. Such an element still takes the
  // mouse (a search's clear button before anything is typed, an overlay waiting for its menu), and a skip
  // link drawn only once focused is one too, so it is no less rendered.
  isTransparent(element) {
    return !element.checkVisibility({ opacityProperty: true });
  },

  // Whether an element is out of anyone's reach: inside an inert part, or behind the modal dialog on top (the
  // browser makes the rest of the page inert while one is open, with no attribute to say so). The dialog is
  // looked up once for a whole list of elements.
  inertTest() {
    // a modal dialog a web component opens in its shadow DOM (a cookie notice) makes the page behind it inert too
    const modals = this.deepQuery("dialog:modal");
    const top = modals[modals.length - 1];
    return (element) => Boolean(this.drawnInside(element, "[inert]")) || Boolean(top && !this.holds(top, element));
  },

  // What a pointer can press: it is seen, takes pointer events, and lies where the page scrolls to. A box moved
  // far above or beside the page (a select a script's widget stands for, hidden by USWDS's left: -999em) or
  // clipped to nothing is pressed by nobody.
  isPressable(element) {
    const rect = element.getBoundingClientRect();
    const page = document.scrollingElement || document.documentElement;
    // a right-to-left page scrolls to what lies left of its start, and not to what lies right of it
    const [start, end] = getComputedStyle(page).direction === "rtl" ? [page.clientWidth - page.scrollWidth, page.clientWidth] : [0, page.scrollWidth];
    const left = rect.left + window.scrollX;
    const beyond = left + rect.width <= start || left >= end || rect.bottom + window.scrollY <= 0;
    return !beyond && !this.isClippedAway(element) && !this.isTransparent(element) && getComputedStyle(element).pointerEvents !== "none";
  },

  // the first question of every check
  facts() {
    this.watchClasses();
    // scrolls end at once, as a smooth one (Bootstrap's root scrolls smoothly) ends: a picture or a measure taken
    // while the page glides on is of neither place, and a focus picture pair of two places differs everywhere
    if (!this.scrollsAtOnce) {
      this.overrideStyles("* { scroll-behavior: auto !important; }");
      this.scrollsAtOnce = true;
    }
    const meta = document.querySelector('meta[name="guidekit-source"]');
    // guidekit's pages say so in their generator tag: only they are held to a guidekit theme's own numbers,
    // whatever classes a page that guidekit did not make happens to use
    const generator = document.querySelector('meta[name="generator"]');
    const guidekit = /^guidekit\b/.test(generator ? generator.content : "");
    const themeClass = guidekit && [...document.documentElement.classList].find((c) => c.startsWith("theme-"));
    // a link's name in the order the accessible name computation takes it: the elements aria-labelledby
    // names, aria-label, what it holds, and at last its title (Material for MkDocs' social links: an icon)
    // (the ids a link inside a web component names are those of its shadow DOM)
    const accessibleText = (link) =>
      (link.getAttribute("aria-labelledby") || "").split(/\s+/).map((id) => link.getRootNode().getElementById(id))
        .filter(Boolean).map((element) => this.text(element)).join(" ").trim() ||
      (link.getAttribute("aria-label") || "").trim() ||
      (this.text(link) + [...link.querySelectorAll("img[alt]")].map((img) => img.alt).join("")).trim() ||
      (link.getAttribute("title") || "").trim();
    return {
      url: location.href,
      lang: document.documentElement.getAttribute("lang") || "",
      guidekit,
      // a MkDocs theme's page (Material says so): its language is the theme's, set in mkdocs.yml
      mkdocs: /^mkdocs\b/.test(generator ? generator.content : ""),
      source: meta ? meta.content : null,
      theme: themeClass ? themeClass.slice("theme-".length) : null,
      // what web components draw in their shadow DOM too, where they stand
      headings: this.deepQuery("h1, h2, h3, h4, h5, h6").map((h) => ({
        level: Number(h.tagName[1]),
        text: this.text(h).slice(0, 80),
        ...this.where(h),
      })),
      images: this.deepQuery("img").map((img) => ({
        src: img.getAttribute("src") || "",
        url: img.currentSrc || img.src,
        alt: img.getAttribute("alt"),
        hidden: img.getAttribute("aria-hidden") === "true" || img.getAttribute("role") === "presentation",
        labelled: img.hasAttribute("aria-label") || img.hasAttribute("aria-labelledby"),
        ...this.where(img),
      })),
      links: this.deepQuery("a[href]").map((a) => ({
        href: a.href,
        raw: a.getAttribute("href"),
        text: accessibleText(a).slice(0, 80),
        ...(this.answeredHere(a) ? { answeredHere: true } : {}),
        ...this.where(a),
      })),
    };
  },

  // A link to a part of this very page that the page answers, though its file may not hold the part: the part is
  // on the page as drawn (a page its script draws, VitePress's 404 page, makes the part and the link to it at
  // load), or the page's script acts on the link itself (Material for MkDocs' code annotations: the part is drawn
  // at load and taken away a moment later, moved into the tooltip the link opens).
  answeredHere(link) {
    if (!link.hash || link.href.split("#")[0] !== location.href.split("#")[0]) return false;
    if (clickable.has(link) || link.onclick) return true;
    let name = link.hash.slice(1);
    try { name = decodeURIComponent(name); } catch (error) { /* a fragment the browser cannot read */ }
    return Boolean(document.getElementById(name) || document.getElementsByName(name).length);
  },

  // rules: { extra, skip } rule ids to run besides, or instead of, those axe runs by default for options.runOnly's tags
  axeOptions(options, rules = null) {
    if (!rules) return options;
    const off = (rule) => rule.tags.includes("experimental") || rule.tags.includes("deprecated") || rules.skip.includes(rule.ruleId);
    const ids = axe.getRules(options.runOnly.values).filter((rule) => !off(rule)).map((rule) => rule.ruleId);
    return { ...options, runOnly: { type: "rule", values: [...ids, ...rules.extra] } };
  },

  async axe(options, locale, rules = null) {
    if (locale) axe.configure({ locale });
    this.showClosedRoots(true);
    try {
      return this.axeSummary(await axe.run(document, this.axeOptions(options, rules)));
    } finally {
      this.showClosedRoots(false);
    }
  },

  // axe goes inside a web component through its host's shadowRoot, which is null for a closed root: while axe
  // runs (grid.py wraps its WebDriver run the same way), a host gives the root the gate noted it attach.
  showClosedRoots(shown) {
    if (shown) {
      Object.defineProperty(Element.prototype, "shadowRoot", { ...shadowRootProperty,
        get() { return shadowRootProperty.get.call(this) || shadowRootOfHost.get(this) || null; } });
    } else {
      Object.defineProperty(Element.prototype, "shadowRoot", shadowRootProperty);
    }
  },

  // what the gate keeps of axe's results (grid.py hands in the results axe-selenium-python got)
  axeSummary(result) {
    // a target inside a web component is the path of selectors to it, one for each shadow root on the way
    const find = (node) => {
      let scope = document, element = null;
      try {
        for (const selector of [].concat([].concat(node.target).pop())) {
          element = scope && scope.querySelector(selector);
          scope = element && this.shadowRootOf(element);
        }
      } catch (error) { return null; }
      return element;
    };
    return {
      version: result.testEngine.version,
      violations: result.violations.map((rule) => ({
        id: rule.id,
        help: rule.help,
        tags: rule.tags,
        nodes: rule.nodes.map((node) => {
          const element = find(node);
          return { ...(element ? this.where(element) : {}), html: node.html.slice(0, 160), summary: node.failureSummary || "" };
        }),
      })),
    };
  },
};
