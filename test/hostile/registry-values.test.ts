import { beforeAll, describe, it } from 'vitest';
import { builtProject, copyOf, editFramework, editRegistry, expectRefused, lineOf } from '../helpers/hostile';

/**
 * Issue 14, item 6: registry values went unchecked: `date: "9999-99-99"` printed "99 undefined
 * 9999" on covers and wrote invalid PDF and Word dates, `url: "javascript:..."` became a live link
 * in every HTML pack and a /URI in every PDF, and a duplicate framework id built 47 paths twice.
 * Each is now RegistryInvalid at its line in sources/registry.json, before anything is built.
 */
const DOCX = ['build', '--format', 'docx'];
const REGISTRY = 'sources/registry.json';

describe('issue 14, item 6: registry values are checked', () => {
  let built: string;
  beforeAll(async () => {
    built = await builtProject();
  });

  for (const date of ['9999-99-99', '2024-02-30', '2023-13', '2024-00-10', '14 October 2024']) {
    it(`item 6: date "${date}" is RegistryInvalid at its line`, async () => {
      const root = copyOf(built);
      editFramework(root, (f) => {
        f.date = date;
      });
      await expectRefused(root, DOCX, 'RegistryInvalid', `${REGISTRY}:${lineOf(root, REGISTRY, `"date": "${date}"`)}: `, /frameworks\.0\.date: /);
    });
  }

  it('item 6: a "captured" day that is not on the calendar is RegistryInvalid at its line', async () => {
    const root = copyOf(built);
    editFramework(root, (f) => {
      f.date = null;
      f.captured = '2024-02-30';
    });
    await expectRefused(root, DOCX, 'RegistryInvalid', `${REGISTRY}:${lineOf(root, REGISTRY, '"captured"')}: `, /frameworks\.0\.captured/);
  });

  for (const url of [
    'javascript:alert(1)',
    'JavaScript:alert(document.cookie)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'http://example.org/',
  ]) {
    it(`item 6: url "${url}" is RegistryInvalid at its line (links must be https:)`, async () => {
      const root = copyOf(built);
      editFramework(root, (f) => {
        f.url = url;
      });
      await expectRefused(
        root,
        DOCX,
        'RegistryInvalid',
        `${REGISTRY}:${lineOf(root, REGISTRY, '"url"')}: `,
        /frameworks\.0\.url: a link must be an https: address/,
      );
    });
  }

  it('item 6: a framework id twice is RegistryInvalid at the second one', async () => {
    const root = copyOf(built);
    editRegistry(root, (frameworks) => {
      frameworks.push({ ...frameworks[0]!, title: 'The same framework again' });
    });
    const second = lineOf(root, REGISTRY, 'The same framework again') - 1;
    await expectRefused(root, DOCX, 'RegistryInvalid', `${REGISTRY}:${second}: `, /frameworks\.1\.id: the framework id "cscf-2012-sms1" appears twice/);
  });

  it('item 6: a framework id that is not a slug (it becomes a folder name) is RegistryInvalid at its line', async () => {
    const root = copyOf(built);
    editFramework(root, (f) => {
      f.id = '../../escaped';
    });
    await expectRefused(
      root,
      DOCX,
      'RegistryInvalid',
      `${REGISTRY}:${lineOf(root, REGISTRY, '"id": "../../escaped"')}: `,
      /lower-case letters, digits and hyphens only/,
    );
  });
});
