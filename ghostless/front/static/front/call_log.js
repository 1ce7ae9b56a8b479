// Click-to-call on the profile: a click on a tel: link lets the phone call as usual, and
// opens the "how did it go?" prompt (front/_profile_call_prompt.jinja) under the numbers.
// One click there logs the call through htmx; the prompt closes once it is logged.
(() => {
  const prompt = document.getElementById("call-prompt");
  if (!prompt) {
    return;
  }
  const time = prompt.querySelector("[data-call-time]");
  const rendered = time.value;
  const loaded = Date.now();

  // The rendered time is the page's moment in the user's zone; move it on by the time
  // since, in plain minutes, so the call is logged when it was made whatever the zone.
  function callTime() {
    const [date, clock] = rendered.split("T");
    const [y, m, d] = date.split("-").map(Number);
    const [hh, mm] = clock.split(":").map(Number);
    const at = new Date(Date.UTC(y, m - 1, d, hh, mm) + (Date.now() - loaded));
    return at.toISOString().slice(0, 16);
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest('a[href^="tel:"]');
    if (!link) {
      return;
    }
    const number = link.textContent.trim();
    prompt.querySelector("[data-call-number]").textContent = number;
    prompt.querySelector("[data-call-subject]").value = `Called ${number}`;
    time.value = callTime();
    prompt.hidden = false;
    prompt.querySelector("button").focus();
  });

  prompt.querySelector("[data-call-dismiss]").addEventListener("click", () => {
    prompt.hidden = true;
  });

  prompt.addEventListener("htmx:afterRequest", (event) => {
    if (event.detail.successful) {
      prompt.hidden = true;
      const heading = document.getElementById("log-heading");
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    }
  });
})();
