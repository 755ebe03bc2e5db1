import stored from './computedThumbnails.json';
import {
  thumbnailKey,
  type ComputedThumbnailFile,
  type ComputedThumbnailSpec,
} from './computedThumbnails';
import { Fig5Svg } from './Fig5Svg';
import { GridSvg } from './GridSvg';
import { RatesSvg } from './RatesSvg';

const THUMBNAILS = (stored as ComputedThumbnailFile).thumbnails;

/** A thumbnail precomputed by `npm run thumbnails`: the stored data series, drawn like the view. */
export function ComputedThumbnail({ spec }: { spec: ComputedThumbnailSpec }) {
  const entry = THUMBNAILS[thumbnailKey(spec.view, spec.presetId)];
  if (!entry) return null;
  const { data } = entry;
  switch (data.kind) {
    case 'grid':
      return <GridSvg grid={data} kind="stability" />;
    case 'fig5':
      return <Fig5Svg curve={data} />;
    case 'rates':
      return <RatesSvg rates={data} />;
  }
}
