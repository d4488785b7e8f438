// Active editing time: seconds in which the reviewer typed, clicked or scrolled on the review page
// while it was visible, sent to the service every 30 s and when the page is left.
export function reportActivity(root) {
  const url = root.dataset.activityUrl;
  const token = root.dataset.csrfToken;
  let lastInput = 0;
  let seconds = 0;
  const mark = () => { lastInput = Date.now(); };
  ["keydown", "input", "click", "scroll", "pointermove"].forEach((name) =>
    document.addEventListener(name, mark, { passive: true, capture: true }));
  // A second counts when there was input in the last 60 s and the page is visible.
  setInterval(() => {
    if (document.visibilityState === "visible" && Date.now() - lastInput < 60000) seconds += 1;
  }, 1000);
  const send = (leaving) => {
    if (seconds < 1) return;
    const body = JSON.stringify({ active_seconds: seconds });
    seconds = 0;
    fetch(url, {
      method: "POST",
      keepalive: leaving,
      headers: { "Content-Type": "application/json", "X-CSRF-Token": token },
      body,
    }).catch(() => {});
  };
  setInterval(() => send(false), 30000);
  document.addEventListener("visibilitychange", () => { if (document.visibilityState === "hidden") send(true); });
  window.addEventListener("pagehide", () => send(true));
}
