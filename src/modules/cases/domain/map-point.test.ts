import { describe, expect, it } from 'vitest';
import { formatMapPoint, openStreetMapUrl, parseMapPoint, roundCoordinate, VIETNAM_MAP_BOUNDS, type MapBounds } from './map-point.js';

const hanoi = { latitude: 21.0285, longitude: 105.8542 };
const parse = (text: string, bounds: MapBounds = VIETNAM_MAP_BOUNDS) => parseMapPoint(text, bounds);

describe('parseMapPoint: what residents paste', () => {
  it.each([
    ['21.0285, 105.8542'],
    ['21.0285,105.8542'],
    ['  21.0285 ,  105.8542  '],
    ['21.0285 105.8542'],
    ['21.0285; 105.8542'],
    ['+21.0285, +105.8542'],
    ['21,0285, 105,8542'],
    ['21,0285; 105,8542'],
    ['21,0285 105,8542'],
    ['geo:21.0285,105.8542'],
    ['geo:21.0285,105.8542?z=17'],
    ['https://www.google.com/maps?q=21.0285,105.8542'],
    ['https://www.google.com/maps?q=21.0285%2C105.8542'],
    ['https://maps.google.com/?q=21.0285,105.8542&z=17'],
    ['https://www.google.com/maps/search/?api=1&query=21.0285,105.8542'],
    ['https://www.google.com/maps/@21.0285,105.8542,17z'],
    ['https://www.google.com.vn/maps/@21.0285,105.8542,17z?entry=ttu'],
    ['https://www.google.com/maps/search/21.0285,+105.8542?entry=tts'],
    ['https://www.google.com/maps/place/21%C2%B001\'42.6%22N+105%C2%B051\'15.1%22E/@21.0200,105.8500,17z/data=!3m1!4b1!4m4!3m3!8m2!3d21.0285!4d105.8542'],
    ['www.google.com/maps?q=21.0285,105.8542'],
    ['https://www.openstreetmap.org/#map=17/21.0285/105.8542'],
    ['https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542#map=17/21.02/105.85'],
    ['https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542'],
    ['openstreetmap.org/#map=19/21.0285/105.8542&layers=N'],
    ['https://www.openstreetmap.org/search?query=21.0285%2C105.8542#map=17/21.02/105.85'],
    ['21°01\'42.6"N 105°51\'15.1"E'],
    ['21°01′42.6″N, 105°51′15.1″E'],
    ['105°51\'15.1"E 21°01\'42.6"N'],
    ['21.0285°N 105.8542°E'],
  ])('%s', (text) => {
    const result = parse(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.point.latitude).toBeCloseTo(hanoi.latitude, 4);
    expect(result.point.longitude).toBeCloseTo(hanoi.longitude, 4);
  });

  it('keeps six decimals, rounded', () => {
    expect(parse('21.02851249, 105.85429951')).toEqual({ ok: true, point: { latitude: 21.028512, longitude: 105.8543 } });
    expect(roundCoordinate(-0.0000001)).toBe(0);
  });

  it('takes the marked place of a Google Maps address, not the view centre', () => {
    expect(parse('https://www.google.com/maps/place/X/@21.0000,105.8000,15z/data=!4m6!3m5!1s0x0:0x0!8m2!3d21.0285!4d105.8542')).toEqual({ ok: true, point: hanoi });
  });

  it.each([[''], ['Hà Nội'], ['21.0285'], ['abc, def'], ['21.0285, 105.8542, 12'], ['https://example.com/?q=21.0285,105.8542'], ['https://www.google.com/maps/place/Ho+Guom'], ['javascript:alert(1)']])('refuses %s as unreadable', (text) => {
    expect(parse(text)).toEqual({ ok: false, problem: 'format' });
  });

  it('refuses a text longer than the field', () => {
    expect(parse(`21.0285, 105.8542${' '.repeat(3000)}x`)).toEqual({ ok: false, problem: 'format' });
  });

  it('asks to open a short link rather than following it', () => {
    expect(parse('https://maps.app.goo.gl/AbCdEf123')).toEqual({ ok: false, problem: 'shortLink' });
  });

  it('recognises a point written longitude first and says which was meant', () => {
    expect(parse('105.8542, 21.0285')).toEqual({ ok: false, problem: 'swapped', point: hanoi });
    expect(parse('https://www.google.com/maps?q=105.8542,21.0285')).toEqual({ ok: false, problem: 'swapped', point: hanoi });
  });

  it('refuses a point outside the commune country box, and one not on Earth', () => {
    expect(parse('48.8584, 2.2945')).toEqual({ ok: false, problem: 'outside' });
    expect(parse('95.5, 200.1')).toEqual({ ok: false, problem: 'range' });
  });

  it('follows the configured box, not a fixed country', () => {
    const paris: MapBounds = { south: 48, west: 2, north: 49.5, east: 3 };
    expect(parse('48.8584, 2.2945', paris)).toEqual({ ok: true, point: { latitude: 48.8584, longitude: 2.2945 } });
    expect(parse('21.0285, 105.8542', paris)).toEqual({ ok: false, problem: 'outside' });
  });
});

describe('formatting a point', () => {
  it('writes latitude first and links to OpenStreetMap with a marker', () => {
    expect(formatMapPoint(hanoi)).toBe('21.0285, 105.8542');
    expect(openStreetMapUrl(hanoi)).toBe('https://www.openstreetmap.org/?mlat=21.0285&mlon=105.8542#map=17/21.0285/105.8542');
  });
});
