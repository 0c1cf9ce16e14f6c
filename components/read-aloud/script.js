// Read-aloud: the browser's own speech (speechSynthesis, never a server) reads everything visible in
// the page's main, in document order, one sentence per utterance (Chrome cuts long ones short), a
// phrase marked in another language (lang) in that language and its voice, and highlights the
// sentence it is reading without moving anything. Buttons are never disabled (focus stays on them:
// aria-disabled), state is announced in a status region, and where the device has no voice for the
// page's language the bar says so in words instead of offering buttons that do nothing.
(function () {
  var groups = document.querySelectorAll("[data-gk-read-aloud]");
  if (!groups.length) return;
  var speech = window.speechSynthesis, lang = document.documentElement.lang || "";
  var HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/;
  // "No. 12", "Art. 5", "e.g. this": a full stop that ends an abbreviation does not end the sentence
  var SENTENCE = /(?:\b(?:[Nn]os?|Art|Sec|Vol|pp?)\.\s+(?=\d)|\b(?:e\.g|i\.e|Mrs?|Ms|Dr)\.\s+|[^。！？；!?;.]|\.(?!\s|$))+(?:[。！？；!?;]+|\.+|$)/g;
  var voice = null, queue = [], run = 0, state = "idle", reading = null, saying = null;
  var marker = window.Highlight && CSS.highlights ? new Highlight() : null;
  if (marker) CSS.highlights.set("gk-reading", marker);

  // The device's best voice for a language: its own region first (zh-Hans -> zh-CN, zh-Hant ->
  // zh-TW), on the device rather than a network voice.
  function bestVoice(tag) {
    var region = { "zh-Hans": "zh-cn", "zh-Hant": "zh-tw" }[tag] || tag.toLowerCase();
    var score = function (v) { var l = v.lang.toLowerCase().replace("_", "-"); return (l.slice(0, 2) === region.slice(0, 2)) * 4 + (l === region) * 2 + v.localService; };
    return speech.getVoices().filter(function (v) { return score(v) >= 4; }).sort(function (a, b) { return score(b) - score(a); })[0] || null;
  }
  // The block a text belongs to: a heading whole ("第 1 步，共 3 步：预约"), else the nearest element
  // that is not inline; visually hidden helpers are read with the words around them.
  function blockOf(e) {
    var heading = e.closest("h1,h2,h3,h4,h5,h6");
    if (heading) return heading;
    while (e.tagName !== "MAIN" && (e.classList.contains("gk-visually-hidden") || /^(inline|contents|ruby)/.test(getComputedStyle(e).display))) e = e.parentElement;
    return e;
  }
  // A phone number is read digit by digit: "0571-88216300" -> "0 5 7 1, 8 8 2 1 6 3 0 0"
  function digits(number) { return number.replace(/[\s-]+/g, ", ").replace(/\d(?=\d)/g, "$& "); }
  // Numbers to dial in running text: a phone number, and a public-service hotline (12345, 12333: all
  // are 123xx) unless a measure word makes it an amount (押金 12350 元). No lookbehind: iOS before 16.4
  // would refuse the whole script. A date (2026-10-15) is not a number to dial.
  var DIALLED = /(\d{4}-\d\d?-\d\d?)(?![\d-])|\+?\d[\d -]{5,}\d|(^|[^\d.])(123\d\d)(?![\d.]|\s*[元个份件张次天年月日号人岁页])/g;
  function dialled(text) {
    return text.replace(DIALLED, function (number, date, before, hotline) { return date ? date : hotline ? before + digits(hotline) : digits(number); });
  }
  // A range is read as one: a dash between two numbers is silent in some voices and "minus" (减) in
  // others, so "8:30—12:00" and "3-5 个工作日" are said "8:30 至 12:00", "3 至 5 个工作日". Only
  // times, a day before a date, and counts with their unit: "人民路 100-2 号" is an address. A
  // Chinese voice is given a date as it says it: 2026-10-15 -> 2026年10月15日.
  var ISO_DATE = /(\d{4})-(\d\d?)-(\d\d?)(?![\d-])/g;
  var RANGE = /(\d[:：]\d\d|\d日?)\s*[-‐–—~～]+\s*(?=\d+(?:[:：]\d\d|[年月]|(?:\.\d+)?\s*(?:[个個份元岁歲次天日周週]|工作|小[时時]|分[钟鐘]|(?:working )?days?|hours?|weeks?|years?)))/g;
  function ranged(text, language) {
    var chinese = /^zh/i.test(language);
    if (chinese) text = text.replace(ISO_DATE, function (date, y, m, d) { return y + "年" + +m + "月" + +d + "日"; });
    return text.replace(RANGE, function (range, from) { return from + (chinese ? " 至 " : " to "); });
  }
  // Element.checkVisibility is new (Chrome 105, Safari 17.4): older phones, and the in-app browsers
  // many readers open a guide in, lack it; there a closed <details>, the text's own boxes (none
  // where it is not rendered) and visibility tell the same.
  function shown(node) {
    var parent = node.parentElement;
    if (parent.checkVisibility) return parent.checkVisibility({ checkVisibilityCSS: true });
    if (parent.matches("details:not([open])") || parent.closest("details:not([open]) > :not(summary)")) return false;
    var range = document.createRange();
    range.selectNodeContents(/\S/.test(node.data) ? node : parent);
    return range.getClientRects().length > 0 && getComputedStyle(parent).visibility !== "hidden";
  }
  // What a screen reader says on entering a data cell: its column's header ("多久拿到"), from the
  // table's header row (<thead>, or a first row of <th> only), without pinyin; "" where it has none.
  function columnHeading(cell) {
    var table = cell.closest("table"), top = table.tHead ? table.tHead.rows[0] : table.rows[0];
    var th = top && top !== cell.parentElement && top.cells[cell.cellIndex];
    if (!th || [].some.call(top.cells, function (c) { return c.tagName !== "TH"; })) return "";
    th = th.cloneNode(true);
    th.querySelectorAll("rt,rp,[aria-hidden=true]").forEach(function (e) { e.remove(); });
    return th.textContent.replace(/\s+/g, " ").trim();
  }
  function langOf(element) {
    var holder = element.closest("[lang]");
    return (holder && holder.getAttribute("lang")) || lang;
  }
  // Every sentence of main's visible text, in order, cut where its language changes: its text, what
  // is spoken, its language, its block and range.
  function sentences() {
    var main = document.querySelector("main"), runs = [], last = null, items = [];
    var walker = document.createTreeWalker(main || document.createElement("main"), NodeFilter.SHOW_TEXT);
    // a closed answer (<details>) is read after its question, and opened as it is read (reveal): a
    // listener cannot open it, and heard the questions alone
    var folded = main ? [].filter.call(main.querySelectorAll("details"), function (d) { return !d.open; }) : [];
    folded.forEach(function (d) { d.open = true; });
    try {
      for (var node; (node = walker.nextNode());) {
        var parent = node.parentElement;
        if (parent.closest("rt,rp,script,style,[aria-hidden=true],[hidden],[data-gk-read-aloud]") || !shown(node)) continue;
        var block = blockOf(parent);
        if (!last || last.block !== block) runs.push(last = { block: block, parts: [], text: "" });
        last.parts.push({ node: node, at: last.text.length, phone: parent.closest("a[href^='tel:']"), lang: langOf(parent) });
        last.text += node.data;
      }
    } finally {
      folded.forEach(function (d) { d.open = false; });
    }
    var cell = null;
    runs.forEach(function (run) {
      // a data cell is read after its column's header, the first sentence of the cell only
      var within = run.block.closest("td"), heading = within && within !== cell ? columnHeading(within) : "";
      cell = within || cell;
      run.text.replace(SENTENCE, function (sentence, start) {
        var end = start + sentence.length, pieces = [], piece = null;
        run.parts.forEach(function (part) {
          var from = Math.max(start, part.at) - part.at, to = Math.min(end, part.at + part.node.data.length) - part.at;
          if (from >= to) return;
          var words = part.node.data.slice(from, to), wordy = /[\p{L}\p{N}]/u.test(words);
          // punctuation and spaces go with the words around them, whatever their language
          if (!piece || (wordy && piece.wordy && part.lang !== piece.lang)) {
            pieces.push(piece = { lang: part.lang, wordy: false, text: "", spoken: "", range: document.createRange() });
            piece.range.setStart(part.node, from);
          }
          if (wordy && !piece.wordy) piece.lang = part.lang;
          piece.wordy = piece.wordy || wordy;
          piece.text += words;
          piece.spoken += part.phone ? digits(words) : dialled(words);
          piece.range.setEnd(part.node, to);
        });
        pieces.forEach(function (piece) {
          // the soft hyphens of silver pages' long English words break lines, not words: a voice may say them
          var text = piece.text.replace(/\s+/g, " ").trim(), spoken = ranged(piece.spoken, piece.lang).replace(/\u00ad/g, "").replace(/\s+/g, " ").trim();
          if (!text) return;
          if (heading) spoken = heading + (HAN.test(heading) ? "：" : ": ") + spoken;
          heading = "";
          items.push({ block: run.block, range: piece.range, text: text, lang: piece.lang, spoken: spoken });
        });
      });
    });
    return items;
  }
  // The <details> around what is read, opened; the ones this opened.
  function reveal(item) {
    var opened = [];
    for (var d = item.block.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) {
      if (!d.open) { d.open = true; opened.push(d); }
    }
    return opened;
  }
  function mark(item) {
    if (reading) reading.classList.remove("gk-reading");
    if (marker) marker.clear();
    reading = item && item.block;
    if (!item) return [];
    var opened = reveal(item);
    reading.classList.add("gk-reading");
    if (marker) marker.add(item.range);
    var box = item.range.getBoundingClientRect();
    if (box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth) return opened;
    // the block first (a table cell scrolls its region sideways), then the sentence itself: a block taller
    // than the window (an example box at 400% zoom) can be in view while the sentence read is not
    reading.scrollIntoView({ block: "nearest", inline: "nearest" });
    box = item.range.getBoundingClientRect();
    if (box.top < 0 || box.height > innerHeight) scrollBy(0, Math.floor(box.top));
    else if (box.bottom > innerHeight) scrollBy(0, Math.ceil(box.bottom - innerHeight));
    return opened;
  }
  function show(next, say) {
    state = next;
    groups.forEach(function (group) {
      var get = function (name) { return group.querySelector("[data-gk-speech" + name + "]"); };
      var label = get("=play").firstElementChild.nextElementSibling;
      label.dataset.label = label.dataset.label || label.textContent;
      label.textContent = state === "paused" ? group.dataset.gkResume : label.dataset.label;
      get("=play").setAttribute("aria-disabled", state === "speaking");
      get("=pause").setAttribute("aria-disabled", state === "idle");
      get("=pause").setAttribute("aria-pressed", state === "paused");
      get("=stop").setAttribute("aria-disabled", state === "idle");
      get("-status").textContent = group.dataset["gkSay" + say];
    });
  }
  function speakNext(current) {
    if (current !== run) return;
    var item = queue.shift();
    if (!item) { stop(); return show("idle", "Finished"); }
    var utterance = new SpeechSynthesisUtterance(item.spoken);
    utterance.lang = item.lang;
    utterance.voice = item.lang === lang ? voice : bestVoice(item.lang);
    utterance.onend = utterance.onerror = function () { speakNext(current); };
    saying = item;
    mark(item);
    speech.speak(utterance);
  }
  function stop() { run += 1; queue = []; speech.cancel(); mark(null); }
  // Pausing stops the engine and keeps the sentence: the engine's own pause() ends the utterance on
  // Android (and its resume() does nothing), so resuming speaks the paused sentence from its start.
  function pause() { run += 1; queue.unshift(saying); speech.cancel(); show("paused", "Paused"); }
  function resume() { show("speaking", "Reading"); speakNext(run); }
  var actions = {
    play: function () {
      if (!voice) choose();
      if (!voice) return noVoice(true);
      if (state === "paused") return resume();
      if (state === "idle") { queue = sentences(); show("speaking", "Reading"); speakNext(run); }
    },
    pause: function () {
      if (state === "paused") return resume();
      if (state === "speaking") pause();
    },
    stop: function () { if (state !== "idle") { stop(); show("idle", "Stopped"); } },
  };
  // No voice: the buttons give way to a sentence saying so; focus on a button moves to that sentence.
  // Without speech at all (in-app browsers) there is no voice to add: the sentence says which browser can.
  function noVoice(focus, speechless) {
    groups.forEach(function (group) {
      var message = group.querySelector("[data-gk-no-voice]"), focused = group.contains(document.activeElement);
      group.querySelectorAll("button").forEach(function (button) { button.hidden = true; });
      if (speechless) message.textContent = group.dataset.gkNoSpeech;
      message.hidden = false;
      if (focus || focused) message.focus();
    });
  }
  function choose() {
    voice = bestVoice(lang);
    // voices arrive late on many devices: only a loaded list without one for this language means none
    if (!voice && speech.getVoices().length) noVoice();
  }
  // The reading list, for the gate's coverage check: the sentences that would be read, each in its language.
  window.__guidekitReadingList = function () { return sentences().map(function (item) { return { text: item.text, lang: item.lang, spoken: item.spoken }; }); };
  // Each sentence highlighted in turn as reading shows it, and where its text is then: for the gate's
  // check that a reader following the highlight can see it.
  window.__guidekitReadAlong = function () {
    var opened = [];
    var seen = sentences().map(function (item) {
      opened.push.apply(opened, mark(item));
      return { block: item.block, text: item.text, box: item.range.getBoundingClientRect() };
    });
    mark(null);
    opened.forEach(function (d) { d.open = false; }); // the page as it was for the checks after
    return seen;
  };
  groups.forEach(function (group) {
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gk-speech]");
      if (button) actions[button.dataset.gkSpeech]();
    });
  });
  if (!speech || !window.SpeechSynthesisUtterance) return noVoice(false, true);
  choose();
  speech.addEventListener("voiceschanged", choose);
})();
