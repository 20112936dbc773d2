// The comment box's live counter ("Bạn còn 495/500 ký tự"), as GOV.UK's character count does it: a
// visible count under the box, and a quieter announcement for screen readers once typing pauses.
// Progressive enhancement only: the form works without this file, and the server checks the same
// limits with the same count.
//
// countCommentCharacters repeats src/shared/text/graphemes.ts line for line: the browser loads plain
// files and cannot import that module. src/shared/text/graphemes.test.ts runs both on the same inputs.
(() => {
  const segmenter =
    typeof Intl !== 'undefined' && typeof Intl.Segmenter === 'function'
      ? new Intl.Segmenter('vi', { granularity: 'grapheme' })
      : null;

  /** How many characters a comment has, as the server checks it and the live counter shows it. */
  function countCommentCharacters(text) {
    let count = 0;
    for (const _ of segmenter.segment(text.normalize('NFC').trim())) count++;
    return count;
  }

  globalThis.MotCua = Object.assign(globalThis.MotCua || {}, { countCommentCharacters });

  // Without grapheme segmentation the count could disagree with the server's: show none.
  if (!segmenter || typeof document === 'undefined') return;

  function attach(box) {
    const max = Number(box.dataset.max);
    const numbers = new Intl.NumberFormat(box.dataset.locale || 'vi-VN');
    const visible = document.createElement('p');
    visible.className = 'comment-counter';
    visible.setAttribute('aria-hidden', 'true');
    const spoken = document.createElement('p');
    spoken.className = 'visually-hidden';
    spoken.setAttribute('aria-live', 'polite');
    box.insertAdjacentElement('afterend', visible);
    visible.insertAdjacentElement('afterend', spoken);

    const message = () => {
      const left = max - countCommentCharacters(box.value);
      visible.classList.toggle('comment-counter-over', left < 0);
      return left >= 0
        ? box.dataset.left.replace('{remaining}', numbers.format(left))
        : box.dataset.over.replace('{over}', numbers.format(-left));
    };
    let timer;
    const update = () => {
      visible.textContent = message();
      clearTimeout(timer);
      timer = setTimeout(() => {
        spoken.textContent = visible.textContent;
      }, 1000);
    };
    box.addEventListener('input', update);
    visible.textContent = message();
  }

  const start = () => {
    for (const box of document.querySelectorAll('textarea[data-comment-counter]')) attach(box);
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
