import type { Rule } from '../rule';
import { crossSourceConsistencyRule } from './cross-source-consistency';
import { cumulativeConsistencyRule } from './cumulative-consistency';
import { extractionHealthRule } from './extraction-health';
import { levelCompletenessRule } from './level-completeness';
import { schemaRule } from './schema';

/** Every validation rule, in the order they run. */
export const RULES: readonly Rule[] = [schemaRule, levelCompletenessRule, cumulativeConsistencyRule, crossSourceConsistencyRule, extractionHealthRule];
