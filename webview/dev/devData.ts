// What the dev server hands the dev page: a file's records as the core read them, and its media resolved to URLs.
import type { DatasetRecord } from '../../src/core/dataset/types';
import type { MediaView } from '../../src/protocol';

export interface DevData {
  fileName: string;
  format: { id: string; name: string };
  records: DatasetRecord[];
  /** Resolution of every path written in the records (key: the path as written). */
  media: Record<string, Pick<MediaView, 'src' | 'error' | 'tried'>>;
}
