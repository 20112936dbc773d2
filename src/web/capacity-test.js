// A capacity test's question page, enhanced: the countdown from the seconds the server gave (the server
// keeps the real clock and refuses late answers), and each answer saved the moment it changes (one
// request per answer, as the form's own post does). Progressive enhancement only: without this file
// the page shows the minutes left and saves with its buttons.
(() => {
  if (typeof document === 'undefined') return;

  const pad = (n) => String(n).padStart(2, '0');
  const format = (seconds) => {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  };

  function countdown(timer) {
    const value = timer.querySelector('[data-timer-value]');
    const remaining = Number(timer.dataset.remaining);
    if (!value || !Number.isFinite(remaining)) return;
    const end = Date.now() + remaining * 1000;
    // Screen readers hear the time once a minute, not every second.
    value.setAttribute('role', 'timer');
    value.setAttribute('aria-live', 'off');
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      value.textContent = format(left);
      timer.classList.toggle('capacity-timer-low', left <= 60);
      if (left === 0) {
        // The server submits the attempt at its deadline; the result page says so.
        window.location.assign(`${timer.dataset.expired}?het-gio=1`);
        return;
      }
      window.setTimeout(tick, 500);
    };
    tick();
  }

  function autosave(form) {
    const url = form.dataset.save;
    const status = form.querySelector('[data-save-status]');
    if (!url || !status || typeof fetch !== 'function') return;
    let sequence = 0;
    const save = async () => {
      const mine = ++sequence;
      const selected = Array.from(form.querySelectorAll('input[name="answer"]:checked')).map(
        (input) => input.value,
      );
      try {
        const response = await fetch(url, {
          method: 'PUT',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ selected }),
        });
        if (mine !== sequence) return;
        if (response.ok) {
          const now = new Date();
          status.textContent = `${form.dataset.saved} ${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
          // Mark the question answered (or not) in the list of questions.
          const current = document.querySelector('.capacity-nav [aria-current="page"]');
          if (current?.parentElement) current.parentElement.classList.toggle('answered', selected.length > 0);
          return;
        }
        if (response.status === 409) {
          const timer = document.querySelector('.capacity-timer');
          if (timer) window.location.assign(`${timer.dataset.expired}?het-gio=1`);
          return;
        }
        status.textContent = form.dataset.failed;
      } catch {
        // Offline: the buttons still post the answer when the connection comes back.
        if (mine === sequence) status.textContent = form.dataset.failed;
      }
    };
    form.addEventListener('change', (event) => {
      if (event.target instanceof HTMLInputElement && event.target.name === 'answer') void save();
    });
  }

  document.addEventListener('DOMContentLoaded', () => {
    for (const timer of document.querySelectorAll('.capacity-timer[data-remaining]')) countdown(timer);
    for (const form of document.querySelectorAll('form.capacity-question[data-save]')) autosave(form);
  });
})();
