/**
 * A place on the map as residents really give it: the "21.0285, 105.8542" that Google Maps and
 * OpenStreetMap copy, degrees-minutes-seconds as Google Maps shows them, a `geo:` link from a phone's
 * share menu, or a Google Maps / OpenStreetMap address containing the point. Pure: the portal and
 * staff intake parse the text server-side (works with JavaScript off) and the island uses the same
 * rounding. Points are kept to MAP_POINT_DECIMALS places (about 0.1 m), more than any phone measures.
 */
export const MAP_POINT_DECIMALS = 6;
/** The longest text the field accepts (a long Google Maps address with its place data). */
export const MAP_POINT_TEXT_MAX = 2000;

/** A latitude/longitude box: south ≤ latitude ≤ north, west ≤ longitude ≤ east. */
export interface MapBounds {
  south: number;
  west: number;
  north: number;
  east: number;
}

/**
 * Vietnam's mainland and its islands (Hoàng Sa, Trường Sa) in one box, the default of the commune
 * setting `mapBounds`: a commune may narrow it to its province. A geography default, not a legal rule.
 */
export const VIETNAM_MAP_BOUNDS: MapBounds = { south: 6, west: 102, north: 23.5, east: 117.9 };

export interface MapPoint {
  latitude: number;
  longitude: number;
}

/** Why a text is not a point: unreadable, not a place on Earth, outside the box, or the box's point written longitude first. */
export type MapPointProblem = 'format' | 'shortLink' | 'range' | 'outside' | 'swapped';

export type MapPointResult = { ok: true; point: MapPoint } | { ok: false; problem: MapPointProblem; point?: MapPoint };

/** Round to MAP_POINT_DECIMALS places (the stored precision). */
export function roundCoordinate(value: number): number {
  const factor = 10 ** MAP_POINT_DECIMALS;
  const rounded = Math.round(value * factor) / factor;
  return Object.is(rounded, -0) ? 0 : rounded;
}

/** "21.0285, 105.8542": latitude first, as Google Maps and OpenStreetMap copy it, with a dot. */
export function formatMapPoint(point: MapPoint): string {
  return `${roundCoordinate(point.latitude)}, ${roundCoordinate(point.longitude)}`;
}

/** The point on openstreetmap.org (a marker, zoom 17): no tiles are loaded by our pages, this is a link out. */
export function openStreetMapUrl(point: MapPoint): string {
  const latitude = roundCoordinate(point.latitude);
  const longitude = roundCoordinate(point.longitude);
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=17/${latitude}/${longitude}`;
}

export function isInsideBounds(point: MapPoint, bounds: MapBounds): boolean {
  return point.latitude >= bounds.south && point.latitude <= bounds.north && point.longitude >= bounds.west && point.longitude <= bounds.east;
}

const NUMBER = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
const COMMA_DECIMAL = String.raw`[-+]?\d{1,3},\d+`;
/** "21.0285, 105.8542", "21.0285,105.8542", "21.0285 105.8542", "21.0285; 105.8542". */
const DOT_PAIR = new RegExp(`^(${NUMBER})\\s*[,;]\\s*(${NUMBER})$|^(${NUMBER})\\s+(${NUMBER})$`);
/** The Vietnamese decimal comma: "21,0285; 105,8542", "21,0285 105,8542", "21,0285, 105,8542" (comma then a space). */
const COMMA_PAIR = new RegExp(`^(${COMMA_DECIMAL})(?:\\s*;\\s*|\\s+|,\\s+)(${COMMA_DECIMAL})$`);
/** 21°01'42.6"N 105°51'15.1"E (Google Maps' place card), also with ′ ″ and decimal degrees "21.0285°N". */
const DMS = String.raw`(\d{1,3}(?:[.,]\d+)?)\s*°\s*(?:(\d{1,2}(?:[.,]\d+)?)\s*['′’]\s*)?(?:(\d{1,2}(?:[.,]\d+)?)\s*(?:["″”]|''|′′)\s*)?([NSEW])`;
const DMS_PAIR = new RegExp(`^${DMS}\\s*[,;]?\\s*${DMS}$`, 'i');

const toNumber = (text: string): number => Number(text.replace(',', '.'));

function fromDms(degrees: string, minutes: string | undefined, seconds: string | undefined, hemisphere: string): number {
  const value = toNumber(degrees) + (minutes ? toNumber(minutes) / 60 : 0) + (seconds ? toNumber(seconds) / 3600 : 0);
  return /[SW]/i.test(hemisphere) ? -value : value;
}

function pairOf(latitude: string | undefined, longitude: string | undefined): MapPoint | null {
  if (latitude === undefined || longitude === undefined) return null;
  return { latitude: toNumber(latitude), longitude: toNumber(longitude) };
}

/** A point written as two numbers or in degrees, minutes and seconds; null when the text is neither. */
function readPlainPoint(text: string): MapPoint | null {
  const dot = DOT_PAIR.exec(text);
  if (dot) return pairOf(dot[1], dot[2]) ?? pairOf(dot[3], dot[4]);
  const comma = COMMA_PAIR.exec(text);
  if (comma) return pairOf(comma[1], comma[2]);
  const dms = DMS_PAIR.exec(text);
  if (!dms) return null;
  const first = fromDms(dms[1]!, dms[2], dms[3], dms[4]!);
  const second = fromDms(dms[5]!, dms[6], dms[7], dms[8]!);
  const isFirstLatitude = /[NS]/i.test(dms[4]!);
  if (isFirstLatitude === /[NS]/i.test(dms[8]!)) return null;
  return isFirstLatitude ? { latitude: first, longitude: second } : { latitude: second, longitude: first };
}

const PAIR_IN_TEXT = new RegExp(`(${NUMBER}),\\s*(${NUMBER})`);

/** The point inside a Google Maps or OpenStreetMap address (the place's own point before the view's centre). */
function readMapUrl(url: URL): MapPoint | null {
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const isGoogle = /(^|\.)google\.[a-z.]+$/.test(host) || host === 'maps.google.com';
  const isOsm = host === 'openstreetmap.org' || host.endsWith('.openstreetmap.org') || host === 'osm.org';
  const decodedPath = safeDecode(url.pathname);
  if (isGoogle) {
    // Place data "!3d21.0285!4d105.8542" is the marked place; "@21.02,105.85,17z" is only the view's centre.
    const place = /!3d([-+]?\d+(?:\.\d+)?)!4d([-+]?\d+(?:\.\d+)?)/.exec(decodedPath + safeDecode(url.search));
    if (place) return pairOf(place[1], place[2]);
    for (const name of ['q', 'query', 'll', 'destination', 'center', 'sll']) {
      const value = url.searchParams.get(name);
      const pair = value ? PAIR_IN_TEXT.exec(value.trim()) : null;
      if (pair && pair.index === 0) return pairOf(pair[1], pair[2]);
    }
    const search = /\/search\/([-+]?\d+(?:\.\d+)?),\s*\+?([-+]?\d+(?:\.\d+)?)/.exec(decodedPath);
    if (search) return pairOf(search[1], search[2]);
    const view = /@([-+]?\d+(?:\.\d+)?),([-+]?\d+(?:\.\d+)?)/.exec(decodedPath);
    if (view) return pairOf(view[1], view[2]);
    return null;
  }
  if (isOsm) {
    const markerLatitude = url.searchParams.get('mlat');
    const markerLongitude = url.searchParams.get('mlon');
    if (markerLatitude && markerLongitude && new RegExp(`^${NUMBER}$`).test(markerLatitude) && new RegExp(`^${NUMBER}$`).test(markerLongitude)) return pairOf(markerLatitude, markerLongitude);
    // A searched point before the view's centre ("#map=" is only where the map is looking).
    const query = url.searchParams.get('query');
    const pair = query ? PAIR_IN_TEXT.exec(query.trim()) : null;
    if (pair && pair.index === 0) return pairOf(pair[1], pair[2]);
    const map = /map=\d{1,2}\/([-+]?\d+(?:\.\d+)?)\/([-+]?\d+(?:\.\d+)?)/.exec(url.hash + url.search);
    if (map) return pairOf(map[1], map[2]);
  }
  return null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

const SHORT_LINK_HOSTS = new Set(['maps.app.goo.gl', 'goo.gl', 'g.co', 'osm.org']);

/** Read a point from the text; null when the text does not contain one in a known form. */
function readPoint(text: string): MapPoint | 'shortLink' | null {
  const geo = /^geo:\s*([-+]?\d+(?:\.\d+)?),([-+]?\d+(?:\.\d+)?)/i.exec(text);
  if (geo) return pairOf(geo[1], geo[2]);
  const plain = readPlainPoint(text);
  if (plain) return plain;
  const withScheme = /^https?:\/\//i.test(text) ? text : /^(www\.|maps\.|(?:[a-z0-9-]+\.)*(google\.[a-z.]+|openstreetmap\.org|goo\.gl)\/)/i.test(text) ? `https://${text}` : null;
  if (!withScheme) return null;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  const point = readMapUrl(url);
  if (point) return point;
  const host = url.hostname.toLowerCase();
  // A short link only points at the place through a redirect we do not follow (no requests from the server on a resident's behalf).
  if (SHORT_LINK_HOSTS.has(host) && !(host === 'osm.org' && url.hash)) return 'shortLink';
  return null;
}

/**
 * The point in what the resident typed or pasted, rounded to MAP_POINT_DECIMALS places; `swapped` when
 * it is outside `bounds` but would be inside written the other way round (longitude first), with
 * the point the resident probably meant; `outside` when it is elsewhere on Earth.
 */
export function parseMapPoint(text: string, bounds: MapBounds): MapPointResult {
  if (text.length > MAP_POINT_TEXT_MAX) return { ok: false, problem: 'format' };
  const trimmed = text.trim().replace(/\s+/g, ' ');
  const read = readPoint(trimmed);
  if (read === 'shortLink') return { ok: false, problem: 'shortLink' };
  if (!read || !Number.isFinite(read.latitude) || !Number.isFinite(read.longitude)) return { ok: false, problem: 'format' };
  const point = { latitude: roundCoordinate(read.latitude), longitude: roundCoordinate(read.longitude) };
  const swapped = { latitude: point.longitude, longitude: point.latitude };
  if (isInsideBounds(point, bounds)) return { ok: true, point };
  if (isInsideBounds(swapped, bounds)) return { ok: false, problem: 'swapped', point: swapped };
  if (Math.abs(point.latitude) > 90 || Math.abs(point.longitude) > 180) return { ok: false, problem: 'range' };
  return { ok: false, problem: 'outside' };
}
