// Run by the pytest plugin in a test's own tab (not installed in the gate's pages): the page as the test
// left it, as HTML a fresh tab loads again. HTML text keeps no live state, so the copy is written to carry
// it: a dialog open as a modal and a popover shown (probe.js opens them again as the copy loads), what was
// typed into fields, the boxes ticked and the options chosen. The test's own page is left as it is.
() => {
  const copy = document.documentElement.cloneNode(true);
  const copied = copy.querySelectorAll("*");
  document.documentElement.querySelectorAll("*").forEach((element, index) => {
    const twin = copied[index];
    if (element.matches("dialog:modal")) {
      twin.removeAttribute("open");
      twin.setAttribute("data-guidekit-modal", "");
    }
    if (element.matches(":popover-open")) twin.setAttribute("data-guidekit-popover", "");
    if (element instanceof HTMLInputElement) {
      if (element.type === "checkbox" || element.type === "radio") twin.toggleAttribute("checked", element.checked);
      // a password typed by a test is not written into a file
      else if (!["file", "password"].includes(element.type)) twin.setAttribute("value", element.value);
    } else if (element instanceof HTMLTextAreaElement) {
      twin.textContent = element.value;
    } else if (element instanceof HTMLOptionElement) {
      twin.toggleAttribute("selected", element.selected);
    }
  });
  const doctype = document.doctype ? new XMLSerializer().serializeToString(document.doctype) : "";
  return doctype + copy.outerHTML;
}
