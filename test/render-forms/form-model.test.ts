import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CIVIL_SERVICE_SCALE, DEFAULT_CONFIG } from '../../src/config/config';
import { GradepackError } from '../../src/model/errors';
import { findTarget, packTargets, packView } from '../../src/model/pack-view';
import { Framework } from '../../src/model/schema';
import { evidenceForm, fieldHref, parseFieldHref, ratingScale } from '../../src/render/forms';
import { pairedFramework, perGradeFramework, proficiencyFramework, syntheticFrameworks } from '../fixtures/render-forms/frameworks';
import { registeredFrameworks } from '../fixtures/render-forms/registered';
import { ingestWith, realSource } from '../helpers/ingest';

const NAME = /^(candidate|role|assessor|date|summary|[a-z0-9-]+(\.[a-z0-9-]+)?\.(evidence\.[1-9]\d*|rating))$/;

describe('evidence form fields', () => {
  let sp2024: Framework;
  beforeAll(async () => {
    ({ framework: sp2024 } = await ingestWith('success-profiles-2024', [realSource('success-profiles-behaviours-2024.txt')]));
  });

  it('are unique, well formed and none the parent of another, across every target of every framework', async () => {
    const registered = await registeredFrameworks();
    expect(registered.map((f) => f.id)).toEqual([
      'success-profiles-2024',
      'success-profiles-2018',
      'cscf-2012-sms1',
      'mmo-2014',
      'odp-core-skills',
      'odp-scs-capabilities',
    ]);
    let forms = 0;
    for (const framework of [...registered, ...syntheticFrameworks()]) {
      for (const target of packTargets(framework)) {
        const form = evidenceForm(packView(framework, target), DEFAULT_CONFIG);
        const names = form.fields.map((f) => f.name);
        expect(new Set(names).size, `${framework.id} ${target.key}`).toBe(names.length);
        for (const name of names) {
          expect(name).toMatch(NAME);
          expect(
            names.filter((other) => other.startsWith(`${name}.`)),
            name,
          ).toEqual([]);
        }
        for (const f of form.fields) expect(f.label.length).toBeGreaterThan(3);
        forms++;
      }
    }
    // Registered: 10 + 10 + 1 + 9 + 4 + 3 targets; synthetic: 5 + 4 + 3.
    expect(forms).toBe(37 + 12);
  });

  it('give each indicator of the pack one evidence field, numbered by its position', () => {
    const form = evidenceForm(packView(sp2024, findTarget(sp2024, 'g7')), DEFAULT_CONFIG);
    const view = packView(sp2024, findTarget(sp2024, 'g7'));
    for (const c of view.competencies) {
      const fc = form.competencies.find((x) => x.id === c.id)!;
      const items = fc.sections.flatMap((s) => s.groups.flatMap((g) => g.items));
      expect(items.map((i) => i.indicator.id)).toEqual(c.sections.flatMap((s) => s.indicators.map((i) => i.id)));
      expect(items.map((i) => i.field.name)).toEqual(items.map((_, n) => `${c.id}.evidence.${n + 1}`));
      expect(fc.rating.name).toBe(`${c.id}.rating`);
    }
    expect(form.fields.slice(0, 4).map((f) => f.name)).toEqual(['candidate', 'role', 'assessor', 'date']);
    expect(form.fields.at(-1)!.name).toBe('summary');
    expect(form.fields.find((f) => f.name === 'seeing-the-big-picture.evidence.3')!.label).toMatch(/^Evidence for Seeing the big picture, indicator 3: .{20,}/);
  });

  it('name the level where a pack spans several, and leave out levels with only a note', () => {
    const framework = perGradeFramework();
    const form = evidenceForm(packView(framework, findTarget(framework, 'scs1')), DEFAULT_CONFIG);
    const names = form.fields.map((f) => f.name);
    expect(names).toContain('power-of-connections.working.evidence.1');
    expect(names).toContain('power-of-connections.practitioner.evidence.2');
    expect(names).toContain('leading-delivery.expert.evidence.1');
    expect(names.some((n) => n.includes('.awareness.'))).toBe(false);
    // Two indicators per level at each grade, three levels, two capabilities, plus details, ratings, summary.
    expect(names).toHaveLength(4 + 2 * (3 * 2 + 1) + 1);
    const awareness = form.competencies[0]!.sections[0]!;
    expect(awareness).toMatchObject({ level: 'awareness', heading: 'Awareness', note: 'Awareness is not required at SCS level.', groups: [] });
  });

  it('put effective behaviours before ineffective ones and head both groups', () => {
    const framework = pairedFramework();
    const section = evidenceForm(packView(framework, findTarget(framework, 'ao')), DEFAULT_CONFIG).competencies[0]!.sections[0]!;
    expect(section.groups.map((g) => [g.heading, g.items.map((i) => i.n)])).toEqual([
      ['Effective behaviours', [1, 2]],
      ['Ineffective behaviours', [3]],
    ]);
  });

  it('need no heading for a section of one kind of indicator', () => {
    const framework = proficiencyFramework();
    const section = evidenceForm(packView(framework, findTarget(framework, 'expert')), DEFAULT_CONFIG).competencies[0]!.sections[0]!;
    expect(section.groups.map((g) => g.heading)).toEqual([null]);
  });

  it("refuse competency ids that clash with the form's own fields", () => {
    const framework = proficiencyFramework();
    const clashing = Framework.parse({ ...framework, competencies: [{ ...framework.competencies[0]!, id: 'summary' }] });
    const error = (() => {
      try {
        evidenceForm(packView(clashing, findTarget(clashing, 'working')), DEFAULT_CONFIG);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(GradepackError);
    expect((error as GradepackError).code).toBe('RenderFailed');
    expect((error as GradepackError).message).toContain('"summary" and "summary.evidence.1"');
  });
});

describe('rating scale', () => {
  it('defaults to the Civil Service 1 to 7 scale', () => {
    expect(ratingScale(DEFAULT_CONFIG)).toEqual(CIVIL_SERVICE_SCALE.map((l) => ({ ...l, description: (l as { description?: string }).description ?? null })));
    expect(CIVIL_SERVICE_SCALE.map((l) => `${l.value} ${l.label}`)).toEqual([
      '1 Not demonstrated',
      '2 Minimal demonstration',
      '3 Moderate demonstration',
      '4 Acceptable demonstration',
      '5 Good demonstration',
      '6 Strong demonstration',
      '7 Outstanding demonstration',
    ]);
    expect(CIVIL_SERVICE_SCALE.find((l) => l.value === 5)!.description).toBe('Substantial positive evidence of the behaviour');
    expect(CIVIL_SERVICE_SCALE.every((l) => l.description)).toBe(true);
  });

  it('refuses a scale with no levels, repeated values, fractional values or blank labels, with one clear error', () => {
    const bad = [
      [],
      [
        { value: 1, label: 'A' },
        { value: 1, label: 'B' },
      ],
      [{ value: 1.5, label: 'A' }],
      [{ value: 1, label: '  ' }],
    ];
    for (const scale of bad) {
      let error: unknown;
      try {
        ratingScale({ ratingScale: scale });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GradepackError);
      expect((error as GradepackError).code).toBe('ConfigInvalid');
      expect((error as GradepackError).format()).toMatch(/error ConfigInvalid: .* ratingScale: .*\n {2}hint: /);
    }
  });
});

describe('field box links', () => {
  it('round-trip any field name and option', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.option(fc.string({ minLength: 1 }), { nil: undefined }), (name, option) => {
        expect(parseFieldHref(fieldHref(name, option))).toEqual({ name, option: option ?? null });
      }),
    );
  });

  it('ignore other links', () => {
    expect(parseFieldHref('https://www.gov.uk/field/candidate')).toBeNull();
    expect(parseFieldHref('https://gradepack.invalid/field/')).toBeNull();
    expect(parseFieldHref('https://gradepack.invalid/field/a/b/c')).toBeNull();
  });
});
