/**
 * Island: while a resident types the text of a case (area and category already chosen), show up
 * to 5 similar open cases with a "follow this case" link, so they can follow one instead of filing
 * a duplicate. Loaded on every portal page; does nothing unless the page has `[data-similar-cases]`.
 * The page works without it. No innerHTML: every node is built with textContent.
 */

const DEBOUNCE_MS = 600;
const MIN_TEXT_LENGTH = 15;
const MAX_RESULTS = 5;

interface SimilarCase {
  code: string;
  title: string;
  status: string;
  receivedAt: string;
}

function formatDate(iso: string): string {
  // Vietnam time (UTC+7, no daylight saving), dd/mm/yyyy.
  const shifted = new Date(new Date(iso).getTime() + 7 * 3_600_000);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(shifted.getUTCDate())}/${pad(shifted.getUTCMonth() + 1)}/${shifted.getUTCFullYear()}`;
}

function isSimilarCase(value: unknown): value is SimilarCase {
  if (!value || typeof value !== 'object') return false;
  const item = value as Record<string, unknown>;
  return typeof item.code === 'string' && typeof item.title === 'string' && typeof item.receivedAt === 'string';
}

function fieldValue(form: HTMLFormElement, name: string): string {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement) return field.value.trim();
  return '';
}

function render(container: HTMLElement, items: readonly SimilarCase[]): void {
  container.replaceChildren();
  if (items.length === 0) {
    container.hidden = true;
    return;
  }
  const heading = document.createElement('h2');
  heading.textContent = container.dataset.title ?? '';
  const intro = document.createElement('p');
  intro.textContent = container.dataset.intro ?? '';
  const list = document.createElement('ul');
  for (const item of items.slice(0, MAX_RESULTS)) {
    const entry = document.createElement('li');
    const title = document.createElement('strong');
    title.textContent = item.title;
    const meta = document.createElement('span');
    meta.className = 'td-choice__hint';
    meta.textContent = `${item.code} · ${(container.dataset.received ?? '').replace('{date}', formatDate(item.receivedAt))}`;
    const link = document.createElement('a');
    link.href = `/tra-cuu/${encodeURIComponent(item.code)}#theo-doi`;
    link.textContent = container.dataset.follow ?? '';
    const hidden = document.createElement('span');
    hidden.className = 'td-visually-hidden';
    hidden.textContent = `: ${item.title}`;
    link.append(hidden);
    entry.append(title, document.createElement('br'), meta, document.createElement('br'), link);
    list.append(entry);
  }
  container.append(heading, intro, list);
  container.classList.add('td-inset');
  container.hidden = false;
}

function start(container: HTMLElement): void {
  const form = container.closest('form');
  const endpoint = container.dataset.similarCases;
  if (!form || !endpoint) return;
  let timer: number | undefined;
  let controller: AbortController | undefined;
  let lastQuery = '';

  const search = async () => {
    const areaId = fieldValue(form, 'areaId');
    const categoryId = fieldValue(form, 'categoryId');
    const text = `${fieldValue(form, 'title')} ${fieldValue(form, 'description')}`.trim();
    // Without a hamlet there is nothing "nearby" to compare with.
    if (!areaId || areaId === 'none' || !categoryId || text.length < MIN_TEXT_LENGTH) {
      render(container, []);
      return;
    }
    const params = new URLSearchParams({ areaId, categoryId, text: text.slice(0, 4000) });
    if (container.dataset.kind) params.set('kind', container.dataset.kind);
    const query = params.toString();
    if (query === lastQuery) return;
    lastQuery = query;
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${endpoint}?${query}`, { headers: { accept: 'application/json', 'accept-language': document.documentElement.lang || 'vi' }, credentials: 'same-origin', signal: controller.signal });
      if (!response.ok) return;
      const body: unknown = await response.json();
      const items = Array.isArray(body) ? body : body && typeof body === 'object' && Array.isArray((body as { items?: unknown }).items) ? (body as { items: unknown[] }).items : [];
      render(container, items.filter(isSimilarCase));
    } catch {
      // Offline or aborted: the suggestions are only a help; the form still works.
    }
  };

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void search(), DEBOUNCE_MS);
  };
  for (const name of ['title', 'description', 'areaId', 'categoryId']) {
    const field = form.elements.namedItem(name);
    if (field instanceof HTMLElement) {
      field.addEventListener('input', schedule);
      field.addEventListener('change', schedule);
    }
  }
  schedule();
}

for (const container of document.querySelectorAll<HTMLElement>('[data-similar-cases]')) start(container);
