/**
 * A case's map point as text ("21.0285, 105.8542", latitude first) with a link to it on
 * OpenStreetMap. No map is drawn and no tile is loaded (slow data, strict CSP): the reader chooses to
 * open the link, in a new tab that gets neither this page (`noopener`) nor its address (`noreferrer`),
 * as the staff page's partner links do (ui/backoffice/external-link.ts).
 */
import type { Translate } from '../../../../core/i18n/translate.js';
import { formatMapPoint, openStreetMapUrl, type MapPoint } from '../../domain/index.js';

export function MapPointLink({ point, t }: { point: MapPoint; t: Translate }) {
  return (
    <>
      <span translate="no">{formatMapPoint(point)}</span>{' '}
      <a href={openStreetMapUrl(point)} target="_blank" rel="noopener noreferrer">
        {t('cases.portal.mapPoint.open')}
      </a>
    </>
  );
}
