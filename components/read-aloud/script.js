// Read-aloud: the browser's own speech (speechSynthesis, never a server) reads the page's main
// text block by block, in sentence-sized utterances (Chrome cuts long ones short), and marks the
// block it is reading. The control stays hidden unless the browser has a voice for the page's language.
(function () {
  var speech = window.speechSynthesis;
  var groups = document.querySelectorAll("[data-gk-read-aloud]");
  if (!speech || !window.SpeechSynthesisUtterance || !groups.length) return;
  var lang = document.documentElement.lang || "";
  var region = { "zh-Hans": "zh-cn", "zh-Hant": "zh-tw" }[lang] || lang.toLowerCase();
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,summary,figcaption";
  var voice = null, queue = [], run = 0, state = "idle", reading = null;

  function bestVoice() {
    var score = function (v) { var l = v.lang.toLowerCase().replace("_", "-"); return (l.slice(0, 2) === region.slice(0, 2)) * 4 + (l === region) * 2 + v.localService; };
    return speech.getVoices().filter(function (v) { return score(v) >= 4; }).sort(function (a, b) { return score(b) - score(a); })[0] || null;
  }
  function text(block) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll("rt,rp,[aria-hidden=true],[hidden]").forEach(function (n) { n.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function sentences() {
    var items = [];
    document.querySelectorAll("main :is(" + BLOCKS + ")").forEach(function (block) {
      if (block.querySelector(BLOCKS) || block.closest("[data-gk-read-aloud]") || !block.getClientRects().length) return;
      (text(block).match(/[^。！？；!?;]+[。！？；!?;]*|[^.]+\.*/g) || []).forEach(function (s) { if (s.trim()) items.push({ block: block, text: s.trim() }); });
    });
    return items;
  }
  function mark(block) {
    if (reading) reading.classList.remove("gk-reading");
    reading = block;
    if (block) { block.classList.add("gk-reading"); block.scrollIntoView({ block: "nearest" }); }
  }
  function show(next) {
    state = next;
    groups.forEach(function (group) {
      var play = group.querySelector("[data-gk-speech=play] span");
      play.dataset.label = play.dataset.label || play.textContent;
      play.textContent = state === "paused" ? group.dataset.gkResume : play.dataset.label;
      group.querySelector("[data-gk-speech=pause]").disabled = state !== "speaking";
      group.querySelector("[data-gk-speech=stop]").disabled = state === "idle";
    });
  }
  function speakNext(current) {
    if (current !== run) return;
    var item = queue.shift();
    if (!item) return stop();
    var utterance = new SpeechSynthesisUtterance(item.text);
    utterance.lang = lang;
    utterance.voice = voice;
    utterance.onend = utterance.onerror = function () { speakNext(current); };
    mark(item.block);
    speech.speak(utterance);
  }
  function stop() { run += 1; queue = []; speech.cancel(); mark(null); show("idle"); }
  var actions = {
    play: function () {
      if (state === "paused") { speech.resume(); return show("speaking"); }
      stop(); queue = sentences(); show("speaking"); speakNext(run);
    },
    pause: function () { speech.pause(); show("paused"); },
    stop: stop,
  };
  groups.forEach(function (group) {
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-gk-speech]");
      if (button) actions[button.dataset.gkSpeech]();
    });
  });
  function reveal() {
    voice = bestVoice();
    groups.forEach(function (group) { group.hidden = !voice; });
  }
  reveal();
  speech.addEventListener("voiceschanged", reveal);
})();
