/**
 * Island: "Use my current location" on the area step of the submission flow. It fills the map point
 * field with the phone's position (latitude first, six decimals, as the server stores it) and says
 * in the page's language, in an aria-live line, what happened: searching, found, or why not
 * (permission refused, no position, too slow). Loaded only where the page asks for it and does nothing
 * without `[data-locate]` or a browser that can locate; the typed or pasted field works without it.
 * No map and no request of its own: the position comes from the device, the texts from the page.
 */

/** Enough for a GPS fix outdoors on a cheap phone; a network position answers far sooner. */
const TIMEOUT_MS = 20_000;
/** A position up to a minute old is still where the resident stands. */
const MAXIMUM_AGE_MS = 60_000;
/** Stored precision (domain/map-point.ts MAP_POINT_DECIMALS); this island does not import the server's domain. */
const DECIMALS = 6;

const round = (value: number): string => String(Math.round(value * 10 ** DECIMALS) / 10 ** DECIMALS);

function start(container: HTMLElement): void {
  const field = document.getElementById(container.dataset.locate ?? '');
  const button = container.querySelector('button');
  const status = container.querySelector<HTMLElement>('[role="status"]');
  if (!(field instanceof HTMLInputElement) || !button || !status || !('geolocation' in navigator) || !window.isSecureContext) return;
  const say = (key: 'locating' | 'found' | 'denied' | 'unavailable' | 'timeout', point = ''): void => {
    status.textContent = (container.dataset[key] ?? '').replace('{point}', point);
  };
  container.hidden = false;
  button.addEventListener('click', () => {
    button.disabled = true;
    say('locating');
    navigator.geolocation.getCurrentPosition(
      (position) => {
        button.disabled = false;
        const point = `${round(position.coords.latitude)}, ${round(position.coords.longitude)}`;
        field.value = point;
        say('found', point);
      },
      (error) => {
        button.disabled = false;
        say(error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable');
      },
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: MAXIMUM_AGE_MS },
    );
  });
}

for (const container of document.querySelectorAll<HTMLElement>('[data-locate]')) start(container);
