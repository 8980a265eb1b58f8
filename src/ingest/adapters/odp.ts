import { append } from '../../model/arrays';
import type { Diagnostic } from '../../model/diagnostic';
import { GradepackError } from '../../model/errors';
import type { FrameworkEntry } from '../registry';
import type { Adapter, ExtractedCompetency, SourceInput } from '../types';
import { readCapture } from './odp/capture';
import { toDiagnostics } from './odp/findings';
import { ODP_LEVELS, type OdpLevel } from './odp/lines';
import { readPart } from './odp/page';

/**
 * The Operational Delivery Profession pages as text. odp-core-skills.txt holds "Core ODP Skills"
 * (five skills, Awareness to Expert) and then "Seven core capabilities for SCS roles" (Working to
 * Expert, each written per SCS grade; Awareness explained as not required). Each skill is a title,
 * a description, "Learning Curriculum for <title>", a strip of level tabs, then a panel per level.
 */
export const odpCoreSkills: Adapter = ({ framework, sources }) => {
  const source = primarySource(sources);
  const { competencies, findings } = readPart(source, 'core', expectedLevels(framework));
  return { competencies, diagnostics: toDiagnostics(findings, source.file) };
};

/** The SCS capabilities; a source with role "capture" is read apart, for cross-source validation. */
export const odpScsCapabilities: Adapter = ({ framework, sources }) => {
  const source = primarySource(sources);
  const expected = expectedLevels(framework);
  const { competencies, findings } = readPart(source, 'scs', expected);
  const diagnostics: Diagnostic[] = toDiagnostics(findings, source.file);
  const captures: Record<string, ExtractedCompetency[]> = {};
  for (const capture of sources.filter((s) => s.role === 'capture')) {
    const read = readCapture(capture, competencies, expected);
    captures[capture.file] = read.competencies;
    append(diagnostics, toDiagnostics(read.findings, capture.file));
  }
  return { competencies, diagnostics, captures };
};

function primarySource(sources: SourceInput[]): SourceInput {
  const source = sources.find((s) => s.role === 'primary') ?? sources[0];
  if (!source)
    throw new GradepackError(
      'SourceUnrecognised',
      'The ODP adapter was given no source.',
      { file: 'sources/registry.json' },
      "List the framework's sources in sources/registry.json.",
    );
  return source;
}

function expectedLevels(framework: FrameworkEntry): OdpLevel[] {
  const ids = framework.levels.map((l) => l.id);
  const known = ODP_LEVELS.filter((id) => ids.includes(id));
  return known.length > 0 ? known : [...ODP_LEVELS];
}
