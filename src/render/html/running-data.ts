import type { MediumData } from './document-data';
import type { FrameworkData } from './document-data';

/**
 * The data Chromium's running header and footer templates see (templates/print/). Chromium fills
 * elements with the classes pageNumber and totalPages itself; everything else is text from here,
 * escaped like all template output.
 */
export interface RunningData {
  title: string;
  kindLabel: string;
  heading: string;
  frameworkTitle: string;
  edition: string;
  documentDate: string;
  /** "source dated 14 October 2024", "source dated April 2014", "undated source". */
  sourceDate: string;
}

export function runningData(data: MediumData & { title: string; kindLabel: string; heading: string; framework: FrameworkData }): RunningData {
  return {
    title: data.title,
    kindLabel: data.kindLabel,
    heading: data.heading,
    frameworkTitle: data.framework.title,
    edition: data.framework.edition,
    documentDate: data.documentDate,
    sourceDate: data.framework.sourceDate ? `source dated ${data.framework.sourceDate}` : 'undated source',
  };
}
