document.addEventListener("keydown", (event) => {
  const step = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
                 ArrowLeft: -1, ArrowUp: -1, PageUp: -1 }[event.key];
  if (!step) return;
  event.preventDefault();
  const slides = [...document.querySelectorAll("section")];
  const here = slides.findIndex((s) => s.getBoundingClientRect().top >= -5);
  const next = slides[Math.min(Math.max(here + step, 0), slides.length - 1)];
  next.scrollIntoView();
});
