// Reads who this page is about: name, headline, location, the canonical LinkedIn profile
// address (https://www.linkedin.com/in/<slug>/) and the selected text. Runs in the page:
// injected by the extension's popup, and inlined into the bookmarklet by Ghostless (which
// removes these comment lines and joins the rest into one line, so every statement ends
// with a semicolon and no comment shares a line with code).
(() => {
  const text = (node) => (node ? node.textContent.replace(/\s+/g, " ").trim() : "");
  const first = (selectors) => {
    for (const selector of selectors) {
      const found = text(document.querySelector(selector));
      if (found) { return found; }
    }
    return "";
  };
  const meta = (name) => {
    const node = document.querySelector(`meta[property="${name}"], meta[name="${name}"]`);
    return node ? (node.getAttribute("content") || "").trim() : "";
  };
  const person = () => {
    for (const node of document.querySelectorAll('script[type="application/ld+json"]')) {
      try {
        const data = JSON.parse(node.textContent);
        const items = [].concat(data["@graph"] || data);
        const found = items.find((item) => item && item["@type"] === "Person");
        if (found) { return found; }
      } catch (error) {
        continue;
      }
    }
    return {};
  };
  const profileUrl = () => {
    const canonical = document.querySelector('link[rel="canonical"]');
    for (const candidate of [canonical && canonical.href, location.href]) {
      const match = /^https?:\/\/([a-z0-9-]+\.)*linkedin\.com\/in\/([^/?#]+)/i.exec(candidate || "");
      if (match) { return `https://www.linkedin.com/in/${match[2]}/`; }
    }
    return "";
  };
  const ld = person();
  const address = ld.address || {};
  const titleParts = (meta("og:title") || document.title).split(/\s[|\u2013-]\s/);
  const name = first(["main h1", "h1.text-heading-xlarge", "h1.top-card-layout__title", "h1"]) || ld.name || titleParts[0] || "";
  const headline = first([".text-body-medium.break-words", ".top-card-layout__headline", "[data-generated-suggestion-target] .text-body-medium"]) || ld.jobTitle || (titleParts.length > 2 ? titleParts[1] : "");
  const place = first(["main .text-body-small.inline.t-black--light.break-words", ".top-card__subline-item", ".top-card-layout__first-subline .not-first-middot span"]) || [address.addressLocality, address.addressCountry].filter(Boolean).join(", ");
  const selected = String(window.getSelection ? window.getSelection() : "").trim();
  return {
    name: name.slice(0, 200),
    headline: headline.slice(0, 300),
    location: place.slice(0, 200),
    linkedin_url: profileUrl(),
    text: selected.slice(0, 5000),
  };
})();
