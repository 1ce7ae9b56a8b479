// The extension's settings: the Ghostless address and a personal API token, checked against
// GET /api/v1/me before they are kept.
const ext = globalThis.browser ?? globalThis.chrome;
const form = document.getElementById("settings");
const status = document.getElementById("status");

async function load() {
  const { baseUrl = "", token = "" } = await ext.storage.local.get(["baseUrl", "token"]);
  form.baseUrl.value = baseUrl;
  form.token.value = token;
}

async function save(event) {
  event.preventDefault();
  let baseUrl;
  try {
    baseUrl = new URL(form.baseUrl.value.trim()).origin;
  } catch (error) {
    status.textContent = "Enter the address you open Ghostless at, e.g. https://ghostless.example.com.";
    form.baseUrl.focus();
    return;
  }
  const token = form.token.value.trim();
  status.textContent = "Checking…";
  try {
    const response = await fetch(`${baseUrl}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
    if (response.status === 401) {
      status.textContent = "Ghostless refused that token. Create one under Settings → API tokens.";
      return;
    }
    if (!response.ok) {
      status.textContent = `Ghostless answered ${response.status}; is that its address?`;
      return;
    }
    const me = await response.json();
    await ext.storage.local.set({ baseUrl, token });
    status.textContent = `Saved. Connected as ${me.name} (${me.role}).`;
  } catch (error) {
    status.textContent = `Could not reach ${baseUrl}: check the address.`;
  }
}

form.addEventListener("submit", save);
load();
