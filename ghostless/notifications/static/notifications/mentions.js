// The @ typeahead on notes: typing "@" and the start of a name offers matching teammates
// below the field; arrow keys choose, Enter or Tab inserts "@username ", Escape closes.
// Without it, typing the username by hand works the same (the server finds the mentions).
(function () {
  "use strict";
  const MAX = 6;
  const TYPED = /(?:^|[^\w@])@([\w.+-]*)$/;
  let people = null;

  function load(field) {
    if (!people) {
      people = fetch(field.dataset.mentionSource, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? r.json() : { people: [] }))
        .then((data) => data.people);
    }
    return people;
  }

  function listFor(field) {
    let list = document.getElementById(field.id + "-mentions");
    if (!list) {
      list = document.createElement("ul");
      list.id = field.id + "-mentions";
      list.className = "mention-options";
      list.setAttribute("role", "listbox");
      list.setAttribute("aria-label", "Teammates to mention");
      list.hidden = true;
      field.insertAdjacentElement("afterend", list);
      field.setAttribute("aria-controls", list.id);
      field.setAttribute("aria-autocomplete", "list");
      list.addEventListener("mousedown", (event) => {
        const option = event.target.closest("[role=option]");
        if (option) { event.preventDefault(); insert(field, option.dataset.username); }
      });
    }
    return list;
  }

  function close(field) {
    const list = listFor(field);
    list.hidden = true;
    list.replaceChildren();
    field.removeAttribute("aria-activedescendant");
    field.setAttribute("aria-expanded", "false");
  }

  function typed(field) {
    const match = TYPED.exec(field.value.slice(0, field.selectionStart));
    return match ? match[1].toLowerCase() : null;
  }

  function insert(field, username) {
    const caret = field.selectionStart;
    const before = field.value.slice(0, caret).replace(/@[\w.+-]*$/, "@" + username + " ");
    field.value = before + field.value.slice(caret);
    field.setSelectionRange(before.length, before.length);
    close(field);
    field.focus();
  }

  function choose(field, step) {
    const options = [...listFor(field).querySelectorAll("[role=option]")];
    if (!options.length) return;
    let index = options.findIndex((o) => o.getAttribute("aria-selected") === "true");
    index = (index + step + options.length) % options.length;
    options.forEach((o, i) => o.setAttribute("aria-selected", String(i === index)));
    field.setAttribute("aria-activedescendant", options[index].id);
  }

  function offer(field) {
    const start = typed(field);
    if (start === null) { close(field); return; }
    load(field).then((all) => {
      if (typed(field) !== start) return; // typing moved on meanwhile
      const found = all.filter((p) => p.username.toLowerCase().startsWith(start)
        || p.name.toLowerCase().split(/\s+/).some((word) => word.startsWith(start))).slice(0, MAX);
      const list = listFor(field);
      list.replaceChildren(...found.map((p, i) => {
        const option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", String(i === 0));
        option.dataset.username = p.username;
        option.textContent = p.name + " (@" + p.username + ")";
        return option;
      }));
      list.hidden = !found.length;
      field.setAttribute("aria-expanded", String(!!found.length));
      if (found.length) field.setAttribute("aria-activedescendant", list.id + "-0");
      else field.removeAttribute("aria-activedescendant");
    });
  }

  document.addEventListener("input", (event) => {
    if (event.target.matches("textarea[data-mention-source]")) offer(event.target);
  });

  document.addEventListener("keydown", (event) => {
    const field = event.target;
    if (!(field instanceof HTMLTextAreaElement) || !field.dataset.mentionSource) return;
    const list = document.getElementById(field.id + "-mentions");
    if (!list || list.hidden) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choose(field, event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" || event.key === "Tab") {
      const selected = list.querySelector("[aria-selected=true]");
      if (selected) { event.preventDefault(); insert(field, selected.dataset.username); }
    } else if (event.key === "Escape") {
      event.preventDefault();
      close(field);
    }
  });

  document.addEventListener("focusout", (event) => {
    if (event.target.matches && event.target.matches("textarea[data-mention-source]")) close(event.target);
  });
})();
