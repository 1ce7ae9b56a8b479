// The panel: reads the page (reader.js), finds the person in Ghostless by LinkedIn address,
// then by name, or creates them; then adds them to a job or pool and logs a LinkedIn message.
// Everything goes through the Ghostless API with the personal token from the settings.
// Opened from the toolbar it reads the active tab; `popup.html?tab=<id>` reads that tab.
const ext = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);
let settings = {};
let candidate = null;
let page = {};

async function api(path, { method = "GET", body } = {}) {
  const response = await fetch(`${settings.baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${settings.token}`, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const where = data.field ? ` (${data.field})` : "";
    const error = new Error(`${data.detail || response.statusText}${where}`);
    error.status = response.status;
    error.data = data;
    throw error;
  }
  return data;
}

function showError(error) {
  const message = error.status === 401
    ? "Ghostless refused the token: check the extension's settings."
    : error.message || String(error);
  $("error").textContent = message === "Failed to fetch" ? `Could not reach ${settings.baseUrl}.` : message;
  $("error").hidden = false;
}

function profileLink(person) {
  const link = document.createElement("a");
  link.href = `${settings.baseUrl}/candidates/${person.id}/`;
  link.target = "_blank";
  link.rel = "noopener";
  link.textContent = [person.first_name, person.last_name].filter(Boolean).join(" ");
  return link;
}

async function readPage() {
  const wanted = new URLSearchParams(location.search).get("tab");
  const [active] = wanted ? [{ id: Number(wanted) }] : await ext.tabs.query({ active: true, currentWindow: true });
  try {
    const [injection] = await ext.scripting.executeScript({ target: { tabId: active.id }, files: ["reader.js"] });
    return injection.result || {};
  } catch (error) {
    // Browser pages (settings, the store) cannot be read: the form is left to fill by hand.
    return {};
  }
}

function splitHeadline(headline) {
  const parts = headline.split(/\s+(?:at|@)\s+/i);
  return parts.length > 1
    ? { title: parts[0].trim(), company: parts.slice(1).join(" at ").trim() }
    : { title: headline.trim(), company: "" };
}

function fillForm() {
  const words = (page.name || "").split(/\s+/).filter(Boolean);
  const { title, company } = splitHeadline(page.headline || "");
  $("first_name").value = words[0] || "";
  $("last_name").value = words.slice(1).join(" ");
  $("current_title").value = title;
  $("current_company").value = company;
  $("location").value = page.location || "";
  $("linkedin_url").value = page.linkedin_url || "";
  $("message").value = page.text || "";
}

function chosen(person, how) {
  candidate = person;
  const found = $("found");
  found.replaceChildren(`${how}: `, profileLink(person));
  found.className = "known";
  $("matches").hidden = true;
  $("details").hidden = true;
  $("create").hidden = true;
  $("touch").hidden = false;
  $("job").focus();
}

async function useMatch(person) {
  const url = $("linkedin_url").value.trim();
  if (url && !person.linkedin_url) {
    // Remembered, so the next click finds them by their profile at once.
    person = await api(`/candidates/${person.id}`, { method: "PATCH", body: { linkedin_url: url } });
  }
  chosen(person, "Chosen");
}

function offerMatches(people) {
  const list = $("matches");
  list.replaceChildren();
  for (const person of people) {
    const item = document.createElement("li");
    const about = document.createElement("span");
    about.append(profileLink(person));
    const detail = [person.current_title, person.current_company, person.location].filter(Boolean).join(" · ");
    if (detail) {
      about.append(` ${detail}`);
    }
    const pick = document.createElement("button");
    pick.type = "button";
    pick.textContent = "This is them";
    pick.addEventListener("click", () => useMatch(person).catch(showError));
    item.append(about, pick);
    list.append(item);
  }
  list.hidden = people.length === 0;
}

async function lookUp() {
  const url = $("linkedin_url").value.trim();
  if (url.includes("linkedin.com/in/")) {
    const byUrl = await api(`/candidates?${new URLSearchParams({ linkedin_url: url, limit: 1 })}`);
    if (byUrl.items.length) {
      chosen(byUrl.items[0], "Already in Ghostless");
      return;
    }
  }
  const name = `${$("first_name").value} ${$("last_name").value}`.trim();
  const byName = name ? (await api(`/candidates?${new URLSearchParams({ q: name, limit: 5 })}`)).items : [];
  $("found").textContent = byName.length
    ? `Not found by LinkedIn profile. ${byName.length} with a similar name: is one of them this person?`
    : "Not in Ghostless yet.";
  offerMatches(byName);
}

async function create(event) {
  event.preventDefault();
  const fields = Object.fromEntries(new FormData($("person")));
  if (!fields.first_name.trim()) {
    $("first_name").focus();
    throw new Error("A first name is required.");
  }
  const person = await api("/candidates", { method: "POST", body: { ...fields, source: "LinkedIn" } });
  chosen(person, "Created");
}

async function loadChoices() {
  const pools = await api("/pools?limit=100");
  for (const pool of pools.items) {
    $("pool").append(new Option(pool.name, pool.id));
  }
}

let jobTimer;
function suggestJobs() {
  clearTimeout(jobTimer);
  jobTimer = setTimeout(async () => {
    const q = $("job").value.replace(/\s*\(#\d+\)$/, "");
    const jobs = await api(`/jobs?${new URLSearchParams({ status: "open", q, limit: 20 })}`).catch(() => ({ items: [] }));
    $("job-options").replaceChildren(...jobs.items.map((job) => new Option(`${job.title} (#${job.id})`)));
  }, 200);
}

function report(text, ok = true) {
  const item = document.createElement("li");
  item.textContent = text;
  if (!ok) {
    item.className = "bad";
  }
  $("results").append(item);
}

async function attempt(what, action) {
  try {
    await action();
    report(what);
  } catch (error) {
    report(`${what.replace(/\.$/, "")}: not done. ${error.message}`, false);
  }
}

async function save(event) {
  event.preventDefault();
  $("results").replaceChildren();
  const button = $("save");
  button.disabled = true;
  const job = /\(#(\d+)\)$/.exec($("job").value.trim());
  if ($("job").value.trim() && !job) {
    report("Pick the job from the list that opens as you type its title.", false);
  }
  if (job) {
    await attempt(`Added to ${$("job").value.trim()}.`, () =>
      api("/applications", { method: "POST", body: { candidate_id: candidate.id, job_id: Number(job[1]), source: "LinkedIn" } }));
  }
  const pool = $("pool").value;
  if (pool) {
    const name = $("pool").selectedOptions[0].textContent;
    await attempt(`Added to the pool ${name}.`, () =>
      api(`/pools/${pool}/members`, { method: "POST", body: { candidate_id: candidate.id } }));
  }
  const message = $("message").value.trim();
  if (message) {
    const direction = new FormData($("touch")).get("direction");
    await attempt("LinkedIn message logged on the timeline.", () =>
      api(`/candidates/${candidate.id}/activities`, { method: "POST", body: { kind: "linkedin", direction, body: message } }));
  }
  if (!job && !pool && !message) {
    report("Nothing to save: choose a job or pool, or add a message.", false);
  }
  button.disabled = false;
}

async function start() {
  settings = await ext.storage.local.get(["baseUrl", "token"]);
  if (!settings.baseUrl || !settings.token) {
    $("setup").hidden = false;
    $("open-options").addEventListener("click", () => ext.runtime.openOptionsPage());
    return;
  }
  $("person").hidden = false;
  $("person").addEventListener("submit", (event) => create(event).catch(showError));
  $("touch").addEventListener("submit", (event) => save(event).catch(showError));
  $("job").addEventListener("input", suggestJobs);
  $("job").addEventListener("focus", suggestJobs, { once: true });
  page = await readPage();
  fillForm();
  await Promise.all([lookUp(), loadChoices()]);
}

start().catch(showError);
