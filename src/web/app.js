// Progressive enhancement only: every page works without this file.
// Focus the error summary after a failed form submission, as GOV.UK does.
document.addEventListener('DOMContentLoaded', () => {
  const summary = document.querySelector('.error-summary');
  if (summary instanceof HTMLElement) summary.focus();
});
