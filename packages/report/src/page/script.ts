/**
 * The page's only script, inline: filter apps by name or team, show only apps whose tags differ,
 * and open an app's timeline when its name in the table is followed. The page works without it.
 */
export const SCRIPT = `
(() => {
  const filter = document.getElementById('app-filter');
  const onlyDiffers = document.getElementById('only-differs');
  const rows = [...document.querySelectorAll('.matrix tbody tr')];
  const timelines = [...document.querySelectorAll('.app-timeline')];
  const apply = () => {
    const words = filter.value.trim().toLowerCase();
    const differing = new Set(rows.filter((row) => row.dataset.differs === 'yes').map((row) => row.dataset.app));
    for (const el of [...rows, ...timelines]) {
      const matches = !words || el.dataset.app.includes(words) || el.dataset.team.includes(words);
      el.classList.toggle('hidden', !matches || (onlyDiffers.checked && !differing.has(el.dataset.app)));
    }
  };
  filter.addEventListener('input', apply);
  onlyDiffers.addEventListener('change', apply);
  const openTarget = () => {
    const target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target && target.tagName === 'DETAILS') target.open = true;
  };
  window.addEventListener('hashchange', openTarget);
  openTarget();
})();
`;
