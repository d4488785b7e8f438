// The processing page: polls the visit's status (GET /api/visits/{id}, signed in by the session
// cookie) and updates the stage and percentage without a reload; opens the draft when it is ready.
const STAGES = {
  transcribe: "Turning speech into text",
  speakers: "Working out who spoke",
  redact: "Removing personal details",
  draft: "Drafting the form",
};

export function watchStatus(element) {
  const stage = element.querySelector("[data-offset-stage]");
  if (!stage) return; // a failed visit: nothing to watch
  const percent = element.querySelector("[data-offset-percent]");
  const tag = element.querySelector("[data-offset-status-tag] .govuk-tag");
  const bar = element.querySelector("[data-offset-progress-bar]");
  const poll = async () => {
    let visit;
    try {
      const response = await fetch(element.dataset.statusUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error(String(response.status));
      visit = await response.json();
    } catch {
      setTimeout(poll, 5000);
      return;
    }
    if (visit.status === "failed") {
      window.location.assign(element.dataset.visitUrl);
      return;
    }
    if (!["queued", "processing"].includes(visit.status)) {
      window.location.assign(element.dataset.reviewUrl);
      return;
    }
    if (visit.status === "processing" && tag && tag.textContent.trim() !== "Processing") {
      tag.textContent = "Processing";
      tag.className = "govuk-tag govuk-tag--blue";
    }
    const words = STAGES[visit.stage] || "Waiting for a worker";
    if (stage.textContent !== words) stage.textContent = words;
    const value = Math.round((visit.progress || 0) * 100);
    percent.textContent = `${value}%`;
    bar.value = value;
    bar.textContent = `${value}%`;
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1000);
}
