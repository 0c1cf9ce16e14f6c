// Runs inside every checked page (installed once per browser context). It only reads the page.
// The page's Content-Security-Policy blocks other hosts before any request leaves the browser,
// so what it refuses is collected here for the gate to report.
const policyViolations = [];
document.addEventListener("securitypolicyviolation", (event) =>
  policyViolations.push({ directive: event.effectiveDirective, blocked: event.blockedURI }));

window.__guidekit = {
  policyViolations,

  lineOf(element) {
    const traced = element && element.closest ? element.closest("[data-line]") : null;
    return traced ? Number(traced.getAttribute("data-line")) : null;
  },

  facts() {
    const meta = document.querySelector('meta[name="guidekit-source"]');
    const themeClass = [...document.documentElement.classList].find((c) => c.startsWith("theme-"));
    const text = (element) => (element.textContent || "").replace(/\s+/g, " ").trim();
    const accessibleText = (link) =>
      (link.getAttribute("aria-label") || "").trim() ||
      (text(link) + [...link.querySelectorAll("img[alt]")].map((img) => img.alt).join("")).trim();
    return {
      url: location.href,
      lang: document.documentElement.getAttribute("lang") || "",
      source: meta ? meta.content : null,
      theme: themeClass ? themeClass.slice("theme-".length) : null,
      headings: [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => ({
        level: Number(h.tagName[1]),
        text: text(h).slice(0, 80),
        line: this.lineOf(h),
      })),
      images: [...document.querySelectorAll("img")].map((img) => ({
        src: img.getAttribute("src") || "",
        alt: img.getAttribute("alt"),
        hidden: img.getAttribute("aria-hidden") === "true" || img.getAttribute("role") === "presentation",
        line: this.lineOf(img),
      })),
      links: [...document.querySelectorAll("a[href]")].map((a) => ({
        href: a.href,
        raw: a.getAttribute("href"),
        text: accessibleText(a).slice(0, 80),
        line: this.lineOf(a),
      })),
      ids: [...document.querySelectorAll("[id]")].map((element) => element.id),
    };
  },

  async axe(options) {
    const result = await axe.run(document, options);
    const locate = (node) => {
      const selector = [].concat(node.target).flat().pop();
      let element = null;
      try { element = document.querySelector(selector); } catch (error) { element = null; }
      return this.lineOf(element);
    };
    return {
      version: result.testEngine.version,
      violations: result.violations.map((rule) => ({
        id: rule.id,
        help: rule.help,
        tags: rule.tags,
        impact: rule.impact,
        nodes: rule.nodes.map((node) => ({ line: locate(node), html: node.html.slice(0, 120), summary: node.failureSummary })),
      })),
    };
  },
};
