import { describe, expect, it } from 'vitest';
import { renderCasePackage } from '../../src/render/exports/case-package';
import { renderFrameworkCsv } from '../../src/render/exports/csv';
import { renderFrameworkXlsx } from '../../src/render/exports/xlsx';
import { committedModel, content, REAL_FRAMEWORKS, readBack } from './round-trip';

const date = new Date(Date.UTC(2024, 9, 14));
const scale = [
  { value: 1, label: 'Low' },
  { value: 2, label: 'High' },
];

describe('round trip: every framework exported and read back through the import adapters is the same model', () => {
  for (const id of REAL_FRAMEWORKS) {
    it(id, async () => {
      const model = committedModel(id);
      const indicators = model.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators));
      expect(indicators.length).toBeGreaterThan(20);
      const exports = {
        csv: renderFrameworkCsv(model),
        xlsx: await renderFrameworkXlsx(model, { date }),
        json: renderCasePackage(model, { date, ratingScale: scale }),
      } as const;
      for (const [format, bytes] of Object.entries(exports) as ['csv' | 'xlsx' | 'json', Uint8Array][]) {
        const back = await readBack(id, bytes, `${id}.export.${format}`, format);
        // Texts, levels, grades, polarity, ids; titles, clusters, descriptions, intros and notes too.
        expect(content(back.framework), `${id} through ${format}`).toEqual(content(model));
        expect(back.diagnostics, `${id} through ${format}`).toEqual([]);
        // Every indicator now cites the row (or line of the package) it was read from.
        const lines = back.framework.competencies.flatMap((c) => c.levels.flatMap((l) => l.indicators.map((i) => i.source.line)));
        expect(lines.every((line) => typeof line === 'number' && line > 1)).toBe(true);
        expect(new Set(lines).size).toBe(lines.length);
      }
    });
  }
});
