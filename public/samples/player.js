// The home page's only script (the page itself ships no JavaScript): lights each sample's line as it is sung,
// from the times written beside it, and lets one sample play at a time.
for (const sample of document.querySelectorAll("[data-sample]")) {
  const audio = sample.querySelector("audio");
  const lines = [...sample.querySelectorAll("[data-start]")].map((el) => ({ el, start: Number(el.dataset.start), end: Number(el.dataset.end) }));
  let lit = null;
  audio.addEventListener("play", () => {
    for (const other of document.querySelectorAll("[data-sample] audio")) if (other !== audio) other.pause();
  });
  audio.addEventListener("timeupdate", () => {
    const t = audio.currentTime;
    let now = null;
    for (const line of lines) if (line.start <= t && (!now || line.start >= now.start)) now = line;
    if (now && t >= now.end + 0.75) now = null;
    if (now === lit) return;
    if (lit) (lit.el.classList.remove("sung"), lit.el.removeAttribute("aria-current"));
    if (now) (now.el.classList.add("sung"), now.el.setAttribute("aria-current", "true"), now.el.scrollIntoView({ block: "nearest" }));
    lit = now;
  });
}
