import type { Block, ParagraphBlock, TableBlock } from './markdown';

/**
 * The document's outline: the summary list of the ten competencies (number, title, cluster,
 * description), then one section per competency (its heading, the description above its tables,
 * the tables). Cluster headings ("Strategic Cluster – Setting Direction") head both lists.
 */
export interface CompetencyHeading {
  number: number | null;
  title: string;
  line: number;
  cluster: string | null;
  description: { text: string; line: number } | null;
}

export interface CompetencySection extends CompetencyHeading {
  tables: TableBlock[];
  /** Paragraphs after the first table: text the adapter does not read (e.g. a table that lost its delimiter row). */
  strayParagraphs: ParagraphBlock[];
}

export interface Outline {
  summary: CompetencyHeading[];
  sections: CompetencySection[];
}

const COMPETENCY_HEADING = /^(\d{1,2})\s*\.\s*(\S.*)$/;
const CLUSTER_HEADING = /\bCluster\b/i;

export function readOutline(blocks: Block[]): Outline {
  const summary: CompetencyHeading[] = [];
  const sections: CompetencySection[] = [];
  let cluster: string | null = null;
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i]!;
    if (block.kind !== 'heading') continue;
    if (CLUSTER_HEADING.test(block.text) && !COMPETENCY_HEADING.test(block.text)) {
      cluster = block.text;
      continue;
    }
    const match = COMPETENCY_HEADING.exec(block.text);
    if (!match) continue;
    const end = nextHeading(blocks, i + 1);
    const body = blocks.slice(i + 1, end);
    const firstTable = body.findIndex((b) => b.kind === 'table');
    const intro = (firstTable < 0 ? body : body.slice(0, firstTable)).filter((b): b is ParagraphBlock => b.kind === 'paragraph');
    const heading: CompetencyHeading = {
      number: Number(match[1]),
      title: match[2]!.trim(),
      line: block.line,
      cluster,
      description: intro.length ? { text: intro.map((p) => p.text).join(' '), line: intro[0]!.line } : null,
    };
    if (firstTable < 0) {
      summary.push(heading);
      continue;
    }
    const rest = body.slice(firstTable);
    sections.push({
      ...heading,
      tables: rest.filter((b): b is TableBlock => b.kind === 'table'),
      strayParagraphs: rest.filter((b): b is ParagraphBlock => b.kind === 'paragraph'),
    });
  }
  return { summary, sections };
}

/** The index of the next competency or cluster heading; other headings belong to the section. */
function nextHeading(blocks: Block[], from: number): number {
  for (let i = from; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.kind === 'heading' && (COMPETENCY_HEADING.test(b.text) || CLUSTER_HEADING.test(b.text))) return i;
  }
  return blocks.length;
}
