import { ImportedXmlComponent, type ParagraphChild } from 'docx';

/**
 * Word content controls (structured document tags, w:sdt) as WordprocessingML, which the docx
 * library has no API for (it has check boxes only). These are run-level controls, inside a
 * paragraph, as Word itself writes a plain text control; LibreOffice imports the plain text one
 * as an input field and the drop-down list as a content control with its list items.
 *
 * The element order inside w:sdtPr follows CT_SdtPr in ECMA-376 Part 1 (17.5.2.38): alias, tag,
 * id, then showingPlcHdr, then the control's type. Word reports a damaged file when it is not.
 */

export interface PlainTextControl {
  kind: 'text';
  /** Machine name (w:tag), the form field's name. */
  tag: string;
  /** The control's title (w:alias), which Word shows on the control and reads out. */
  alias: string;
  /** Unique in the document; a positive 32-bit integer. */
  id: number;
  /** Text shown until something is entered. */
  placeholder: string;
  multiLine: boolean;
}

export interface DropDownControl {
  kind: 'dropDown';
  tag: string;
  alias: string;
  id: number;
  placeholder: string;
  items: { value: string; displayText: string }[];
}

export type ContentControl = PlainTextControl | DropDownControl;

/** Word's built-in character style for a control's placeholder text. */
export const PLACEHOLDER_STYLE = 'PlaceholderText';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for an XML attribute or element, and drops characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** The w:sdt element for a control, as a string. */
export function contentControlXml(control: ContentControl): string {
  if (!Number.isInteger(control.id) || control.id < 1 || control.id > 0x7fffffff) {
    throw new RangeError(`content control id ${control.id} is not a positive 32-bit integer`);
  }
  const type = control.kind === 'text' ? `<w:text${control.multiLine ? ' w:multiLine="1"' : ''}/>` : dropDownListXml(control);
  return (
    '<w:sdt><w:sdtPr>' +
    `<w:alias w:val="${xmlEscape(control.alias)}"/>` +
    `<w:tag w:val="${xmlEscape(control.tag)}"/>` +
    `<w:id w:val="${control.id}"/>` +
    '<w:showingPlcHdr/>' +
    type +
    '</w:sdtPr><w:sdtContent>' +
    `<w:r><w:rPr><w:rStyle w:val="${PLACEHOLDER_STYLE}"/></w:rPr><w:t xml:space="preserve">${xmlEscape(control.placeholder)}</w:t></w:r>` +
    '</w:sdtContent></w:sdt>'
  );
}

function dropDownListXml(control: DropDownControl): string {
  const values = control.items.map((i) => i.value);
  if (values.length === 0) throw new RangeError(`drop-down list ${control.tag} has no items`);
  if (new Set(values).size !== values.length || values.includes('')) {
    throw new RangeError(`drop-down list ${control.tag} has an empty or repeated value`);
  }
  // The first item is the prompt, with an empty value, as Word writes it ("Choose an item.").
  const items = [{ value: '', displayText: control.placeholder }, ...control.items]
    .map((i) => `<w:listItem w:displayText="${xmlEscape(i.displayText)}" w:value="${xmlEscape(i.value)}"/>`)
    .join('');
  return `<w:dropDownList>${items}</w:dropDownList>`;
}

/** A control as a child of a docx Paragraph. */
export function contentControl(control: ContentControl): ParagraphChild {
  // The docx library writes an imported component as the element it holds; a Paragraph accepts
  // any component as a child, though its type lists only the library's own.
  return ImportedXmlComponent.fromXmlString(contentControlXml(control)) as unknown as ParagraphChild;
}

/** Hands out content control ids, 1, 2, 3..., so a document's ids are the same on every build. */
export function controlIds(): () => number {
  let next = 1;
  return () => next++;
}
