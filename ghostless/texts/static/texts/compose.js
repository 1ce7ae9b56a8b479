// The compose form's length and segment count as you type, and a chosen SMS template's text
// filled in at once. Counts as texts/segments.py does: GSM-7 (extension characters cost two)
// or UCS-2 in UTF-16 units; 160/70 in one part, 153/67 per part beyond.
(function () {
  "use strict";
  const BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  const EXTENDED = "^{}\\[~]|€\f";

  function count(text) {
    let gsm = true;
    let units = 0;
    for (const ch of text) {
      if (BASIC.includes(ch)) { units += 1; }
      else if (EXTENDED.includes(ch)) { units += 2; }
      else { gsm = false; break; }
    }
    if (!gsm) { units = text.length; }  // JS strings are UTF-16: one unit per code unit
    const single = gsm ? 160 : 70;
    const part = gsm ? 153 : 67;
    const segments = units <= single ? 1 : Math.ceil(units / part);
    return { encoding: gsm ? "GSM-7" : "UCS-2", units: units, segments: segments };
  }

  function describe(result) {
    const chars = result.units + (result.units === 1 ? " character" : " characters");
    const parts = result.segments + (result.segments === 1 ? " part" : " parts");
    let words = chars + " · " + parts;
    if (result.encoding === "UCS-2") { words += " (a character outside GSM-7 makes each part 70)"; }
    return words;
  }

  document.querySelectorAll("textarea[data-segment-counter]").forEach(function (area) {
    const out = document.getElementById(area.dataset.segmentCounter);
    if (!out) { return; }
    const max = Number(out.dataset.segmentsMax || 10);
    const update = function () {
      const result = count(area.value.replace(/\r\n/g, "\n"));
      out.textContent = describe(result);
      out.classList.toggle("over", result.segments > max);
    };
    area.addEventListener("input", update);
    update();
  });

  const data = document.getElementById("sms-templates");
  const select = document.getElementById("id_template");
  const body = document.getElementById("id_body");
  if (data && select && body) {
    const bodies = JSON.parse(data.textContent);
    document.querySelectorAll(".no-js-only").forEach(function (el) { el.hidden = true; });
    select.addEventListener("change", function () {
      if (bodies[select.value] !== undefined) {
        body.value = bodies[select.value];
        body.dispatchEvent(new Event("input"));
      }
    });
  }

  window.ghostlessSegments = count;  // for the tests that keep this and segments.py equal
})();
