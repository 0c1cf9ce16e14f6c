// Runs inside every checked page, before the page's own scripts: the gate judges the page it was given.
// A page that tries to close its window, open another, or rewrite its address is noted and kept where
// it is. Navigation by location, refresh or redirect cannot be stopped from here (location is
// unforgeable): the gate's request handler holds it back and notes it.
(() => {
  const notes = [];
  const note = (key, url) => notes.push([key, String(url ?? "")]);
  const withoutHash = (url) => url.split("#")[0];
  const HistoryProto = History.prototype;

  window.close = () => note("page-closed-itself", "");
  window.open = (url) => {
    note("page-opened-window", url === undefined ? "" : new URL(String(url), location.href).href);
    return null;
  };
  for (const name of ["pushState", "replaceState"]) {
    const original = HistoryProto[name];
    HistoryProto[name] = function (state, unused, url) {
      const target = url === undefined || url === null ? location.href : new URL(String(url), location.href).href;
      // Saving state, or moving to an anchor, stays on the page; another address does not.
      if (withoutHash(target) === withoutHash(location.href)) return original.call(this, state, unused, url);
      note("page-history-changed", target);
    };
  }
  for (const name of ["back", "forward", "go"]) {
    HistoryProto[name] = function (delta) {
      note("page-history-changed", `history.${name}(${delta ?? ""})`);
    };
  }
  Object.defineProperty(window, "__guidekitStay", {
    value: {
      notes,
      refresh: () => document.querySelector('meta[http-equiv="refresh" i]')?.getAttribute("content") ?? null,
    },
  });
})();
