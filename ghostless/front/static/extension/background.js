// Chromium runs this as the service worker, Firefox as a background script (manifest
// "background"). Its one job: on first install, open the settings so the extension is
// connected to a Ghostless before it is first used.
const ext = globalThis.browser ?? globalThis.chrome;

ext.runtime.onInstalled.addListener(async ({ reason }) => {
  if (reason !== "install") {
    return;
  }
  const { baseUrl } = await ext.storage.local.get("baseUrl");
  if (!baseUrl) {
    ext.runtime.openOptionsPage();
  }
});
