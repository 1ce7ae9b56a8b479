// Bar lengths from data-share (percent), set through the CSSOM: the CSP refuses style="".
document.querySelectorAll(".bar[data-share]").forEach((bar) => {
  bar.style.width = `${Number(bar.dataset.share) || 0}%`;
});
