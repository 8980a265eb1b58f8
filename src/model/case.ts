import { z } from 'zod';

/**
 * 1EdTech CASE 1.1 CFPackage, written from the official JSON Schema
 * (https://purl.imsglobal.org/spec/case/v1p1/schema/json/case_v1p1_cfpackage-jsonschema1.json, as
 * published in 1EdTech/OpenCASE, apps/opencase/schemas/official/case-v1p1-cfpackage.json): the
 * same classes, properties and required properties; `additionalProperties: false` as `.strict()`;
 * extension containers open. Formats the JSON Schema only names are checked here: `uuid` (lower
 * case 8-4-4-4-12, versions 1-5, variants 1-2, as its comment says), `date-time` (RFC 3339, with
 * a zone) and `date`. URIs are strings, as there ("AnyURI").
 */
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89abcd][0-9a-f]{3}-[0-9a-f]{12}$/, 'a lower-case UUID (8-4-4-4-12, versions 1-5)');
const DateTime = z.iso.datetime({ offset: true });
const DateOnly = z.iso.date();
const Extension = z.object({}).loose();

export const LinkURI = z.object({ title: z.string(), identifier: Uuid, uri: z.string() }).strict();
export type LinkURI = z.infer<typeof LinkURI>;

/** The official pattern, unanchored as JSON Schema patterns are. */
const extensionName = /(ext:)[a-z|A-Z|0-9|.|-|_]+/;

export const LinkGenURI = z
  .object({
    title: z.string(),
    identifier: z.string(),
    uri: z.string(),
    targetType: z.union([z.literal('CASE'), z.string().regex(extensionName)]).optional(),
  })
  .strict();
export type LinkGenURI = z.infer<typeof LinkGenURI>;

export const CFPckgDocument = z
  .object({
    identifier: Uuid,
    uri: z.string(),
    frameworkType: z.string().optional(),
    caseVersion: z.literal('1.1').optional(),
    creator: z.string(),
    title: z.string(),
    lastChangeDateTime: DateTime,
    officialSourceURL: z.string().optional(),
    publisher: z.string().optional(),
    description: z.string().optional(),
    subject: z.array(z.string()).optional(),
    subjectURI: z.array(LinkURI).optional(),
    language: z.string().optional(),
    version: z.string().optional(),
    adoptionStatus: z.string().optional(),
    statusStartDate: DateOnly.optional(),
    statusEndDate: DateOnly.optional(),
    licenseURI: LinkURI.optional(),
    notes: z.string().optional(),
    extensions: Extension.optional(),
  })
  .strict();

export const CFPckgItem = z
  .object({
    identifier: Uuid,
    fullStatement: z.string(),
    alternativeLabel: z.string().optional(),
    CFItemType: z.string().optional(),
    uri: z.string(),
    humanCodingScheme: z.string().optional(),
    listEnumeration: z.string().optional(),
    abbreviatedStatement: z.string().optional(),
    conceptKeywords: z.array(z.string()).optional(),
    conceptKeywordsURI: LinkURI.optional(),
    notes: z.string().optional(),
    subject: z.array(z.string()).optional(),
    subjectURI: z.array(LinkURI).optional(),
    language: z.string().optional(),
    educationLevel: z.array(z.string()).optional(),
    CFItemTypeURI: LinkURI.optional(),
    licenseURI: LinkURI.optional(),
    statusStartDate: DateOnly.optional(),
    statusEndDate: DateOnly.optional(),
    lastChangeDateTime: DateTime,
    extensions: Extension.optional(),
  })
  .strict();
export type CFPckgItem = z.infer<typeof CFPckgItem>;

export const ASSOCIATION_TYPES = [
  'isChildOf',
  'isPeerOf',
  'isPartOf',
  'exactMatchOf',
  'precedes',
  'isRelatedTo',
  'replacedBy',
  'exemplar',
  'hasSkillLevel',
  'isTranslationOf',
] as const;

export const CFPckgAssociation = z
  .object({
    identifier: Uuid,
    associationType: z.union([z.enum(ASSOCIATION_TYPES), z.string().regex(extensionName)]),
    sequenceNumber: z.number().int().optional(),
    uri: z.string(),
    originNodeURI: LinkGenURI,
    destinationNodeURI: LinkGenURI,
    CFAssociationGroupingURI: LinkURI.optional(),
    lastChangeDateTime: DateTime,
    notes: z.string().optional(),
    extensions: Extension.optional(),
  })
  .strict();
export type CFPckgAssociation = z.infer<typeof CFPckgAssociation>;

const Definition = {
  identifier: Uuid,
  uri: z.string(),
  title: z.string(),
  lastChangeDateTime: DateTime,
  extensions: Extension.optional(),
};

export const CFConcept = z.object({ ...Definition, keywords: z.string().optional(), hierarchyCode: z.string(), description: z.string().optional() }).strict();
export const CFSubject = z.object({ ...Definition, hierarchyCode: z.string(), description: z.string().optional() }).strict();
export const CFLicense = z.object({ ...Definition, description: z.string().optional(), licenseText: z.string() }).strict();
export const CFItemType = z.object({ ...Definition, description: z.string(), hierarchyCode: z.string(), typeCode: z.string().optional() }).strict();
export const CFAssociationGrouping = z.object({ ...Definition, description: z.string().optional() }).strict();

export const CFDefinition = z
  .object({
    CFConcepts: z.array(CFConcept).optional(),
    CFSubjects: z.array(CFSubject).optional(),
    CFLicenses: z.array(CFLicense).optional(),
    CFItemTypes: z.array(CFItemType).optional(),
    CFAssociationGroupings: z.array(CFAssociationGrouping).optional(),
    extensions: Extension.optional(),
  })
  .strict();

export const CFRubricCriterionLevel = z
  .object({
    identifier: Uuid,
    uri: z.string(),
    description: z.string().optional(),
    quality: z.string().optional(),
    score: z.number().optional(),
    feedback: z.string().optional(),
    position: z.number().int().optional(),
    rubricCriterionId: Uuid.optional(),
    lastChangeDateTime: DateTime,
    extensions: z.array(Extension).optional(),
  })
  .strict();

export const CFRubricCriterion = z
  .object({
    identifier: Uuid,
    uri: z.string(),
    category: z.string().optional(),
    description: z.string().optional(),
    CFItemURI: LinkURI.optional(),
    weight: z.number().optional(),
    position: z.number().int().optional(),
    rubricId: Uuid.optional(),
    lastChangeDateTime: DateTime,
    CFRubricCriterionLevels: z.array(CFRubricCriterionLevel).optional(),
    extensions: Extension.optional(),
  })
  .strict();

export const CFRubric = z
  .object({
    identifier: Uuid,
    uri: z.string(),
    title: z.string().optional(),
    description: z.string().optional(),
    lastChangeDateTime: DateTime,
    CFRubricCriteria: z.array(CFRubricCriterion).optional(),
    extensions: Extension.optional(),
  })
  .strict();

export const CFPackage = z
  .object({
    CFDocument: CFPckgDocument,
    CFItems: z.array(CFPckgItem).optional(),
    CFAssociations: z.array(CFPckgAssociation).optional(),
    CFDefinitions: CFDefinition.optional(),
    CFRubrics: z.array(CFRubric).optional(),
    extensions: Extension.optional(),
  })
  .strict();
export type CFPackage = z.infer<typeof CFPackage>;

/**
 * How gradepack lays a framework out in CASE (the exporter writes it, the case-json adapter reads
 * it): a CFItem per competency, per competency level and per indicator, each `isChildOf` the one
 * above (competencies of the CFDocument) with a `sequenceNumber`; `humanCodingScheme` is our id
 * (`seeing-the-big-picture`, `seeing-the-big-picture.2`, `seeing-the-big-picture.2.e1`).
 */
export const CASE_ITEM_TYPES = {
  competency: 'Competency',
  level: 'Level',
  effective: 'Effective indicator',
  ineffective: 'Ineffective indicator',
  neutral: 'Indicator',
} as const;
