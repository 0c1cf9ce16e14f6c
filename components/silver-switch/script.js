// The switch is a plain link and works without JavaScript. With it, the reader's choice is
// remembered (localStorage: never a cookie, never sent anywhere) and later pages open in that mode.
(function () {
  var link = document.querySelector("[data-gk-to]");
  if (!link) return;
  var KEY = "guidekit-mode";
  try {
    link.addEventListener("click", function () { localStorage.setItem(KEY, link.dataset.gkTo); });
    if (localStorage.getItem(KEY) === link.dataset.gkTo) location.replace(link.href);
  } catch (error) {
    // storage refused (private mode, file policies): the switch still works as a link
  }
})();
