// Progressive enhancement only: every page works without this file, except recording in the browser.
// GOV.UK Frontend's components (password reveal, error summary focus, service navigation menu...),
// then Offset's own small modules, each started only where its element is on the page.
import { initAll } from "/static/govuk/govuk-frontend.min.js";
import { enhanceUpload } from "./upload.js";
import { enhanceRecorder } from "./recorder.js";
import { watchStatus } from "./status.js";
import { enhanceReview } from "./review.js";

initAll();
document.querySelectorAll("form[data-offset-upload]").forEach(enhanceUpload);
document.querySelectorAll("form[data-offset-recorder]").forEach(enhanceRecorder);
document.querySelectorAll("[data-offset-status]").forEach(watchStatus);
document.querySelectorAll("[data-offset-review]").forEach(enhanceReview);
