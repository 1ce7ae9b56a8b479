// With JS, choosing a template fills the text at once, so the fallback button is not needed.
document.querySelectorAll(".no-js-only").forEach((el) => { el.hidden = true; });
