// The review page: evidence links scroll the transcript to their segment and play the recording from
// that time; the transcript's times play from there too. Without this script the links still jump
// to the segment (#seg-...). Also reports active editing time when the page has an activity URL.
import { reportActivity } from "./activity.js";

function segmentOf(id) {
  return document.getElementById(`seg-${id}`);
}

export function enhanceReview(root) {
  const audio = document.querySelector("[data-offset-audio]");
  let active = null;
  const play = (start) => {
    if (!audio || Number.isNaN(start)) return;
    const go = () => {
      audio.currentTime = start;
      const playing = audio.play();
      if (playing && playing.catch) playing.catch(() => {}); // autoplay refused: the position is still set
    };
    if (audio.readyState >= 1) go();
    else audio.addEventListener("loadedmetadata", go, { once: true });
  };
  const show = (segment) => {
    if (active) active.classList.remove("offset-segment--active");
    active = segment;
    segment.classList.add("offset-segment--active");
    segment.scrollIntoView({ block: "center" });
    segment.focus({ preventScroll: true });
  };
  document.addEventListener("click", (event) => {
    const link = event.target.closest("a.offset-evidence[data-segment]");
    if (link) {
      const segment = segmentOf(link.dataset.segment);
      if (!segment) return;
      event.preventDefault();
      show(segment);
      play(parseFloat(link.dataset.start || segment.dataset.start));
      return;
    }
    const time = event.target.closest("button.offset-segment__time");
    if (time) {
      show(time.closest(".offset-segment"));
      play(parseFloat(time.dataset.start));
    }
  });
  if (root.dataset.activityUrl) reportActivity(root);
}
