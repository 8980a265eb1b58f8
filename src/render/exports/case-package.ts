import { CASE_ITEM_TYPES, CFPackage, type CFPckgAssociation, type CFPckgItem, type LinkURI } from '../../model/case';
import { GradepackError } from '../../model/errors';
import type { Framework } from '../../model/schema';
import { GRADEPACK_NAMESPACE, uuidV5 } from './uuid-v5';

export interface CaseExportOptions {
  /** Every lastChangeDateTime: the document date, never the clock. */
  date: Date;
  /** The rating scale of the evidence forms, exported as a CFRubric with one criterion per competency. */
  ratingScale: { value: number; label: string }[];
}

type Node = { identifier: string; uri: string; title: string };

/**
 * A framework as a 1EdTech CASE 1.1 CFPackage (see CASE_ITEM_TYPES for the layout). Every
 * identifier is a version 5 UUID of the framework id and our stable id, so it changes only when
 * the id does; URIs are `urn:uuid:` names, since nothing is hosted. Checked against our schema of
 * the official CFPackage before it is returned.
 */
export function renderCasePackage(framework: Framework, options: CaseExportOptions): Uint8Array {
  const when = `${options.date.toISOString().slice(0, 19)}Z`;
  const node = (name: string, title: string): Node => {
    const identifier = uuidV5(`${framework.id}/${name}`, GRADEPACK_NAMESPACE);
    return { identifier, uri: `urn:uuid:${identifier}`, title };
  };
  const link = (n: Node): LinkURI => ({ title: n.title, identifier: n.identifier, uri: n.uri });
  const types = Object.entries(CASE_ITEM_TYPES).map(([key, title], i) => ({
    ...node(`type/${key}`, title),
    description: TYPE_DESCRIPTIONS[key as keyof typeof CASE_ITEM_TYPES],
    hierarchyCode: String(i + 1),
    lastChangeDateTime: when,
  }));
  const typeLink = (key: keyof typeof CASE_ITEM_TYPES) => link(types.find((t) => t.title === CASE_ITEM_TYPES[key])!);
  const licence = { ...node('licence', framework.licence), licenseText: framework.licence, lastChangeDateTime: when };
  const document = node('document', framework.title);
  const levels = new Map(framework.levels.map((l) => [l.id, l]));

  const items: CFPckgItem[] = [];
  const associations: CFPckgAssociation[] = [];
  const childOf = (child: Node, parent: Node, sequenceNumber: number) => {
    const id = node(`isChildOf/${child.identifier}/${parent.identifier}`, '');
    associations.push({
      identifier: id.identifier,
      associationType: 'isChildOf',
      sequenceNumber,
      uri: id.uri,
      originNodeURI: link(child),
      destinationNodeURI: link(parent),
      lastChangeDateTime: when,
    });
  };
  const competencyNodes = framework.competencies.map((c, ci) => {
    const competency = node(c.id, c.title);
    items.push({
      identifier: competency.identifier,
      fullStatement: c.title,
      CFItemType: CASE_ITEM_TYPES.competency,
      uri: competency.uri,
      humanCodingScheme: c.id,
      ...(c.cluster ? { conceptKeywords: [c.cluster] } : {}),
      ...(c.description ? { notes: c.description } : {}),
      language: 'en',
      CFItemTypeURI: typeLink('competency'),
      lastChangeDateTime: when,
    });
    childOf(competency, document, ci + 1);
    c.levels.forEach((cl, li) => {
      const level = levels.get(cl.level);
      const label = level?.label ?? cl.level;
      const levelNode = node(`${c.id}.${cl.level}`, `${c.title}: ${label}`);
      items.push({
        identifier: levelNode.identifier,
        // The intro sentence reads as the level's statement; without one, the level's label.
        fullStatement: cl.intro?.text ?? label,
        CFItemType: CASE_ITEM_TYPES.level,
        uri: levelNode.uri,
        humanCodingScheme: `${c.id}.${cl.level}`,
        abbreviatedStatement: label,
        ...(cl.note ? { notes: cl.note } : {}),
        language: 'en',
        ...(level && level.grades.length > 0 ? { educationLevel: [...level.grades] } : {}),
        CFItemTypeURI: typeLink('level'),
        lastChangeDateTime: when,
      });
      childOf(levelNode, competency, li + 1);
      cl.indicators.forEach((i, ii) => {
        const indicator = node(i.id, i.text);
        items.push({
          identifier: indicator.identifier,
          fullStatement: i.text,
          CFItemType: CASE_ITEM_TYPES[i.polarity],
          uri: indicator.uri,
          humanCodingScheme: i.id,
          ...(i.corrected ? { notes: `Corrected (${i.corrected.kind}): ${i.corrected.reason}` } : {}),
          language: 'en',
          // Only where the level is written per grade (ODP SCS): the grade this indicator is for.
          ...(i.grade ? { educationLevel: [i.grade] } : {}),
          CFItemTypeURI: typeLink(i.polarity),
          lastChangeDateTime: when,
        });
        childOf(indicator, levelNode, ii + 1);
      });
    });
    return { competency, c };
  });

  const rubric = node('rubric', 'Rating scale');
  const pkg: CFPackage = {
    CFDocument: {
      identifier: document.identifier,
      uri: document.uri,
      caseVersion: '1.1',
      creator: framework.publisher,
      title: framework.title,
      lastChangeDateTime: when,
      ...(framework.url ? { officialSourceURL: framework.url } : {}),
      publisher: framework.publisher,
      language: 'en',
      version: framework.edition,
      ...(framework.date && /^\d{4}-\d{2}-\d{2}$/.test(framework.date) ? { statusStartDate: framework.date } : {}),
      licenseURI: link(licence),
      notes: `Levels: ${framework.levels.map((l) => `${l.id} = ${l.label}${l.grades.length ? ` (${l.grades.join(', ')})` : ''}`).join('; ')}.`,
    },
    CFItems: items,
    CFAssociations: associations,
    CFDefinitions: { CFLicenses: [licence], CFItemTypes: types },
    CFRubrics: [
      {
        identifier: rubric.identifier,
        uri: rubric.uri,
        title: rubric.title,
        description: 'The scale each competency is rated on in the evidence forms.',
        lastChangeDateTime: when,
        CFRubricCriteria: competencyNodes.map(({ competency, c }, position) => {
          const criterion = node(`rubric/${c.id}`, c.title);
          return {
            identifier: criterion.identifier,
            uri: criterion.uri,
            ...(c.cluster ? { category: c.cluster } : {}),
            description: c.title,
            CFItemURI: link(competency),
            position: position + 1,
            rubricId: rubric.identifier,
            lastChangeDateTime: when,
            CFRubricCriterionLevels: options.ratingScale.map((s, i) => {
              const level = node(`rubric/${c.id}/${s.value}`, s.label);
              return {
                identifier: level.identifier,
                uri: level.uri,
                quality: s.label,
                score: s.value,
                position: i + 1,
                rubricCriterionId: criterion.identifier,
                lastChangeDateTime: when,
              };
            }),
          };
        }),
      },
    ],
  };
  const checked = CFPackage.safeParse(pkg);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    throw new GradepackError(
      'RenderFailed',
      `The CASE package of ${framework.id} does not match the CASE 1.1 schema at ${issue.path.join('.')}: ${issue.message}.`,
      {},
      'This is a bug in gradepack.',
    );
  }
  return new TextEncoder().encode(`${JSON.stringify(pkg, null, 2)}\n`);
}

const TYPE_DESCRIPTIONS: Record<keyof typeof CASE_ITEM_TYPES, string> = {
  competency: 'A behaviour, competency, skill or capability of the framework.',
  level: 'A competency at one level of the framework, with its grades as educationLevel.',
  effective: 'An indicator of effective behaviour at a level.',
  ineffective: 'An indicator of ineffective behaviour at a level.',
  neutral: 'An indicator at a level (the framework does not pair effective with ineffective).',
};
