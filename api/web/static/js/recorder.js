// Records a visit in the browser: MediaRecorder on the microphone, a visible timer, pause and resume;
// on stop the recording is uploaded with the form's fields (form, consent, known identifiers).
import { sendVisit, showError } from "./upload.js";

function clock(ms) {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

export function enhanceRecorder(form) {
  const panel = form.querySelector("[data-offset-recorder-panel]");
  const start = form.querySelector("[data-offset-start]");
  const pause = form.querySelector("[data-offset-pause]");
  const stop = form.querySelector("[data-offset-stop]");
  const timer = form.querySelector("[data-offset-timer]");
  const state = form.querySelector("[data-offset-record-state]");
  const progress = form.querySelector("[data-offset-progress]");
  if (!window.MediaRecorder || !navigator.mediaDevices) {
    showError(form, "This browser cannot record. Record on your device and upload the file instead.");
    return;
  }
  panel.hidden = false;
  let recorder = null;
  let chunks = [];
  let elapsed = 0;
  let since = 0;
  let ticking = null;
  const now = () => elapsed + (since ? Date.now() - since : 0);
  const tick = () => { timer.textContent = clock(now()); };

  form.addEventListener("submit", (event) => event.preventDefault());

  start.addEventListener("click", async () => {
    if (!form.querySelector("input[name=consent]").checked) {
      showError(form, "Confirm the people in this visit agreed to it being recorded and written up", "consent");
      return;
    }
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ audio: true });
    } catch (error) {
      showError(form, "The microphone could not be used. Allow this site to use it, then try again.");
      return;
    }
    chunks = [];
    recorder = new MediaRecorder(stream);
    recorder.addEventListener("dataavailable", (e) => { if (e.data.size) chunks.push(e.data); });
    recorder.addEventListener("stop", () => {
      stream.getTracks().forEach((t) => t.stop());
      const type = recorder.mimeType || "audio/webm";
      const blob = new Blob(chunks, { type });
      const data = new FormData(form);
      data.append("audio", blob, type.includes("ogg") ? "recording.ogg" : "recording.webm");
      state.textContent = "Uploading the recording";
      sendVisit(form, data, progress)
        .then((body) => window.location.assign(body.url))
        .catch((error) => {
          state.textContent = "The recording was not uploaded";
          showError(form, error.message, error.field);
          start.disabled = false;
        });
    });
    recorder.start(1000);
    elapsed = 0;
    since = Date.now();
    ticking = setInterval(tick, 250);
    start.disabled = true;
    pause.disabled = false;
    stop.disabled = false;
    state.textContent = "Recording";
  });

  pause.addEventListener("click", () => {
    if (!recorder) return;
    if (recorder.state === "recording") {
      recorder.pause();
      elapsed = now();
      since = 0;
      pause.textContent = "Resume";
      state.textContent = "Paused";
    } else if (recorder.state === "paused") {
      recorder.resume();
      since = Date.now();
      pause.textContent = "Pause";
      state.textContent = "Recording";
    }
    tick();
  });

  stop.addEventListener("click", () => {
    if (!recorder || recorder.state === "inactive") return;
    elapsed = now();
    since = 0;
    clearInterval(ticking);
    tick();
    pause.disabled = true;
    stop.disabled = true;
    recorder.stop();
  });
}
