// Progressive enhancement only: every page works without this file (except recording, later).
// GOV.UK Frontend's components (password reveal, error summary focus, service navigation menu...).
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();
