/**
 * The portal's only island, optional: every page works without it. It
 * - moves focus to the error summary when a page shows one (screen readers read it at once),
 * - keeps the character limit under a text area up to date while typing,
 * - stops a second submit of the same form while the first is on its way.
 */
import { formatNumber } from '../../core/i18n/translate.js';

const summary = document.querySelector<HTMLElement>('[data-module="error-summary"]');
summary?.focus();

for (const counter of document.querySelectorAll<HTMLElement>('[data-char-limit]')) {
  const max = Number(counter.dataset.charLimit);
  const field = counter.id ? document.querySelector<HTMLTextAreaElement>(`[aria-describedby~="${counter.id}"]`) : null;
  if (!field || !Number.isFinite(max)) continue;
  const locale = document.documentElement.lang === 'en' ? 'en' : 'vi';
  const template = locale === 'en' ? 'You have {n} characters left.' : 'Bạn còn {n} ký tự.';
  counter.setAttribute('aria-live', 'polite');
  const update = () => {
    // 4.000 in Vietnamese, 4,000 in English, like the server-rendered limit.
    counter.textContent = template.replace('{n}', formatNumber(Math.max(0, max - field.value.length), locale));
  };
  field.addEventListener('input', update);
  update();
}

for (const form of document.querySelectorAll<HTMLFormElement>('form[method="post"]')) {
  form.addEventListener('submit', (event) => {
    if (form.dataset.submitting === 'true') {
      event.preventDefault();
      return;
    }
    form.dataset.submitting = 'true';
    window.setTimeout(() => {
      delete form.dataset.submitting;
    }, 3000);
  });
}

