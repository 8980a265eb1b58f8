import { PLACEHOLDER_STYLE } from './content-controls';
import { AlignmentType, Footer, LineRuleType, PageNumber, Paragraph, TextRun, type IPropertiesOptions, type IStylesOptions } from 'docx';

/**
 * The look of gradepack's Word documents, all of it in Word's built-in styles (Normal, Title,
 * Heading 1 to 3, footer, Table Grid, List Paragraph), so that an organisation restyles a document
 * by changing the styles, in Word or with its own template, rather than the text. GOV.UK look:
 * Arial 12pt, black text, bold headings.
 */

export const FONT = 'Arial';
export const TABLE_STYLE = 'TableGrid';
export const FOOTER_STYLE = 'Footer';
export const STRONG_STYLE = 'Strong';
/** GOV.UK's secondary text colour: 7:1 on white, where Word's own grey is 3.9:1. */
const SECONDARY_TEXT = '505A5F';
const BLACK = '0B0C0C';

/** Word's own "Table Grid": single black borders on every cell. */
const TABLE_GRID_XML =
  `<w:style w:type="table" w:styleId="${TABLE_STYLE}"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>` +
  '<w:pPr><w:spacing w:before="60" w:after="60" w:line="240" w:lineRule="auto"/></w:pPr>' +
  '<w:tblPr><w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((side) => `<w:${side} w:val="single" w:sz="8" w:space="0" w:color="${BLACK}"/>`).join('') +
  '</w:tblBorders><w:tblCellMar><w:top w:w="80" w:type="dxa"/><w:left w:w="115" w:type="dxa"/><w:bottom w:w="80" w:type="dxa"/><w:right w:w="115" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';

/**
 * Line spacing is always proportional ("auto"), never a fixed height: a w:line without a
 * w:lineRule is read by LibreOffice as an exact height, so a title that wraps printed its second
 * line over its first. Single spacing (240) for titles and headings, 1.15 (276) for text.
 */
const SINGLE = { line: 240, lineRule: LineRuleType.AUTO };
const TEXT_LINES = { line: 276, lineRule: LineRuleType.AUTO };

const heading = (size: number, outlineLevel: number) => ({
  run: { font: FONT, size, bold: true, color: BLACK },
  paragraph: { spacing: { before: 360, after: 120, ...SINGLE }, keepNext: true, keepLines: true, outlineLevel },
});

export function documentStyles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: FONT, size: 24, color: BLACK, language: { value: 'en-GB' } },
        paragraph: { spacing: { after: 120, ...TEXT_LINES } },
      },
      title: { run: { font: FONT, size: 48, bold: true, color: BLACK }, paragraph: { spacing: { after: 240, ...SINGLE }, keepNext: true, keepLines: true } },
      heading1: heading(36, 0),
      heading2: heading(28, 1),
      heading3: heading(24, 2),
      listParagraph: { paragraph: { spacing: { after: 80 } } },
    },
    paragraphStyles: [{ id: FOOTER_STYLE, name: 'footer', basedOn: 'Normal', run: { size: 20 }, paragraph: { spacing: { after: 0 } } }],
    // Word's own character styles; these take the place of the docx library's paragraph style "Strong".
    characterStyles: [
      { id: STRONG_STYLE, name: 'Strong', run: { bold: true } },
      { id: PLACEHOLDER_STYLE, name: 'Placeholder Text', run: { color: SECONDARY_TEXT } },
    ],
  };
}

/**
 * Styles the docx library has no options for, as a styles.xml of their own; the library merges
 * its default styles, and those of documentStyles(), with it by style id.
 */
export function externalStyles(): string {
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:styles xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' +
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15">' +
    TABLE_GRID_XML +
    '</w:styles>'
  );
}

/** "Framework · target · Page 3 of 9", in the footer style. */
export function documentFooter(frameworkTitle: string, targetLabel: string): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: FOOTER_STYLE,
        alignment: AlignmentType.LEFT,
        children: [
          new TextRun(`${frameworkTitle} · ${targetLabel} · `),
          new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
        ],
      }),
    ],
  });
}

export interface DocumentInfo {
  title: string;
  subject: string;
  description: string;
  keywords: string[];
}

/** Document properties (docProps/core.xml). The dates are set when the package is made reproducible. */
export function documentProperties(
  info: DocumentInfo,
): Pick<IPropertiesOptions, 'title' | 'subject' | 'creator' | 'keywords' | 'description' | 'lastModifiedBy' | 'revision'> {
  return {
    title: info.title,
    subject: info.subject,
    creator: 'gradepack',
    lastModifiedBy: 'gradepack',
    keywords: info.keywords.join(', '),
    description: info.description,
    revision: 1,
  };
}
