/** The campaign templates' files (in templates/), and what loading them gives. */
export const CAMPAIGN_LAYOUTS = {
  vacancyPack: 'campaign/vacancy-pack.hbs',
  runningHeader: 'campaign/running-header.hbs',
  runningFooter: 'campaign/running-footer.hbs',
  assessmentForm: 'campaign/assessment-form.hbs',
  assessmentFooter: 'campaign/assessment-form-footer.hbs',
} as const;

export const STYLESHEETS = {
  'gradepack.css': 'css/gradepack.css',
  'vacancy-pack.css': 'campaign/vacancy-pack.css',
  'assessment-form.css': 'campaign/assessment-form.css',
} as const;

export type CampaignLayout = keyof typeof CAMPAIGN_LAYOUTS;

/** Every template file campaign documents read (relative to templates/): the inputs of their hashes. */
export const CAMPAIGN_TEMPLATE_FILES: string[] = [...Object.values(CAMPAIGN_LAYOUTS), ...Object.values(STYLESHEETS)].sort();

export interface CampaignTemplates {
  render(layout: CampaignLayout, data: unknown): string;
}
