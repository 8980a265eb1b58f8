import { PageOrientation } from 'docx';

/** A4 portrait (Word's own twip sizes) with 20 mm margins, for every gradepack Word document. */
export const PAGE = {
  size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
  margin: { top: 1134, bottom: 1134, left: 1134, right: 1134, footer: 567 },
};
