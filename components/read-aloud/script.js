// Read-aloud: the control appears only where the browser has a voice for the page's language.
// Speaking itself arrives with silver mode; until then this script only reveals the control.
(function () {
  var speech = window.speechSynthesis;
  if (!speech) return;
  var language = (document.documentElement.lang || "").slice(0, 2).toLowerCase();
  function reveal() {
    var voices = speech.getVoices().filter(function (voice) {
      return voice.lang.slice(0, 2).toLowerCase() === language;
    });
    if (!voices.length) return;
    Array.prototype.forEach.call(document.querySelectorAll("[data-gk-read-aloud][hidden]"), function (button) {
      button.hidden = false;
    });
  }
  reveal();
  speech.addEventListener("voiceschanged", reveal);
})();
