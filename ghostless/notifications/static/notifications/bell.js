// Opening the bell asks htmx for its menu. A trigger filter (toggle[target.open]) would need
// eval, which the Content-Security-Policy refuses; this sends "bell-open" instead.
document.addEventListener("toggle", (event) => {
  const bell = event.target;
  if (bell.matches && bell.matches("details.bell") && bell.open && window.htmx) {
    window.htmx.trigger(bell, "bell-open");
  }
}, true);
