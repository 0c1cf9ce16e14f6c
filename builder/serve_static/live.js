// guidekit serve only: never part of a built site. Reloads the page after each rebuild and lets
// the editor dismiss the build-problem banner. Kept external so pages keep a script-src 'self' CSP.
(() => {
  const shown = document.querySelector('meta[name="guidekit-build"]')?.content;
  const events = new EventSource("/__guidekit/events");
  events.addEventListener("build", (event) => {
    if (event.data !== shown) {
      events.close();
      location.reload();
    }
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest("[data-guidekit-dismiss]")) return;
    document.getElementById("guidekit-overlay").hidden = true;
    document.getElementById("main")?.focus();
  });
})();
