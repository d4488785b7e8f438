// Sends a visit form with XMLHttpRequest so the page can show upload progress; the server answers
// JSON ({id, url} or {code, message}) when asked for it. Without this script the form posts normally.

export function sendVisit(form, data, progress) {
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-offset-progress-text]");
  progress.hidden = false;
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.addEventListener("progress", (event) => {
      if (!event.lengthComputable) return;
      const percent = Math.round((event.loaded / event.total) * 100);
      bar.value = percent;
      text.textContent = `${percent}% uploaded`;
    });
    xhr.addEventListener("load", () => {
      let body = {};
      try { body = JSON.parse(xhr.responseText); } catch { body = {}; }
      if (xhr.status >= 200 && xhr.status < 300 && body.url) {
        text.textContent = "Uploaded. Opening the visit…";
        resolve(body);
      } else {
        const error = new Error(body.message || `The upload failed (status ${xhr.status}). Try again.`);
        error.field = body.field;
        reject(error);
      }
    });
    xhr.addEventListener("error", () => reject(new Error("The connection was lost during the upload. Try again.")));
    xhr.send(data);
  });
}

// The GOV.UK error summary, made by the script: the message links to the field it is about.
export function showError(form, message, field) {
  let summary = document.querySelector("[data-offset-script-error]");
  if (!summary) {
    summary = document.createElement("div");
    summary.className = "govuk-error-summary";
    summary.setAttribute("data-offset-script-error", "");
    summary.tabIndex = -1;
    summary.innerHTML =
      '<div role="alert"><h2 class="govuk-error-summary__title">There is a problem</h2>' +
      '<div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li></li></ul></div></div>';
    form.parentElement.insertBefore(summary, form.parentElement.firstChild);
  }
  const item = summary.querySelector("li");
  item.textContent = "";
  const target = field && document.getElementById(field);
  if (target) {
    const link = document.createElement("a");
    link.href = `#${field}`;
    link.textContent = message;
    link.addEventListener("click", (event) => { event.preventDefault(); target.focus(); });
    item.appendChild(link);
  } else {
    item.textContent = message;
  }
  if (!document.title.startsWith("Error: ")) document.title = `Error: ${document.title}`;
  summary.focus();
}

export function enhanceUpload(form) {
  const progress = form.querySelector("[data-offset-progress]");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit], .govuk-button:not([type=button])");
    if (button) button.disabled = true;
    sendVisit(form, new FormData(form), progress)
      .then((body) => window.location.assign(body.url))
      .catch((error) => {
        if (button) button.disabled = false;
        progress.hidden = true;
        showError(form, error.message, error.field);
      });
  });
}
