// Run by the pytest plugin in a test's own tab (not installed in the gate's pages): the page as the test
// left it, as HTML a fresh tab loads again. HTML text keeps no live state, so the copy is written to carry
// it: a dialog open as a modal and a popover shown (probe.js opens them again as the copy loads), what was
// typed into fields, the boxes ticked and the options chosen; and the open shadow roots no script of the page's
// draws, written as shadow roots the HTML declares: a copy drops them, and a page whose server drew its
// components (Lit's server rendering) was checked without them. A component the page defines draws its own
// again as the copy loads (given one already there, Stencil's would draw its parts twice). The test's own
// page is left as it is.
() => {
  const copy = document.documentElement.cloneNode(true);
  const copied = copy.querySelectorAll("*");
  const undrawn = (element) => element.shadowRoot && !customElements.get(element.localName);
  const written = [];
  const collect = (scope) => scope.querySelectorAll("*").forEach((element) => {
    if (!undrawn(element)) return;
    written.push(element.shadowRoot);
    collect(element.shadowRoot);
  });
  collect(document);
  document.documentElement.querySelectorAll("*").forEach((element, index) => {
    const twin = copied[index];
    if (undrawn(element)) {
      const declared = document.createElement("template");
      declared.setAttribute("shadowrootmode", "open");
      if (element.shadowRoot.delegatesFocus) declared.setAttribute("shadowrootdelegatesfocus", "");
      declared.innerHTML = element.shadowRoot.getHTML({ shadowRoots: written });
      twin.prepend(declared);
    }
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
