// The lint rule against SQL built from strings (eslint.config.js) must keep firing: this reads the rule's options
// as the real config resolves them for a file in store/, server/ and fixtures/, and lints snippets with them.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function sqlRuleMessages(folder: string, code: string): Promise<string[]> {
  const filePath = path.join(root, folder, 'lint-probe.ts');
  const resolved = (await new ESLint({ cwd: root }).calculateConfigForFile(filePath)) as Linter.Config;
  const options = resolved.rules?.['no-restricted-syntax'];
  expect(options).toBeDefined();
  const probe = new ESLint({
    cwd: root,
    overrideConfigFile: true,
    overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-restricted-syntax': options } }],
  });
  const [result] = await probe.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-syntax' && /SQL/.test(message.message)).map((message) => message.message);
}

const BUILT = [
  'db.prepare(`SELECT ${column} FROM spans`);',
  "db.prepare('SELECT * FROM spans WHERE id = ' + id);",
  'db.exec(`DELETE FROM spans WHERE id = ${id}`);',
  "store.db.exec('DROP TABLE ' + table);",
  'db.pragma(`user_version = ${version}`);',
];
const SAFE = [
  "db.prepare('SELECT * FROM spans WHERE id = ?').get(id);",
  'db.prepare(`SELECT 1\n FROM spans`);',
  'db.prepare(sql`SELECT ${COLUMNS} FROM spans WHERE id = ?`);',
  'db.pragma(sql`user_version = ${sqlInteger(version)}`);',
  '/^(\\d+)$/.exec(text);',
  'const message = `Select the ${count} rows`;',
];

describe('lint rule: no SQL built from strings', () => {
  it('fires on .prepare/.exec/.pragma given a template with expressions or a + concatenation, everywhere', async () => {
    let fired = 0;
    for (const folder of ['store', 'server', 'fixtures', 'bench']) {
      for (const code of BUILT) {
        const messages = await sqlRuleMessages(folder, code);
        expect(messages, `${folder}: ${code}`).toHaveLength(1);
        fired += 1;
      }
    }
    recordTrial({ area: 'security', trial: 'lint rule on SQL built from strings (.prepare/.exec/.pragma)', tried: fired, held: fired, detail: `${BUILT.length} snippets × 4 folders, 1 error each` });
  });

  it('fires in store/ and server/ on SQL-looking templates handed through a helper, not on test-span statement text elsewhere', async () => {
    const helper = 'const statement = raw(`SELECT ${COLUMNS} FROM spans WHERE rowid = ?`);';
    expect(await sqlRuleMessages('store', helper)).toHaveLength(1);
    expect(await sqlRuleMessages('server', helper)).toHaveLength(1);
    expect(await sqlRuleMessages('fixtures', "const attributes = { 'db.query.text': `SELECT * FROM orders WHERE id = ${id}` };")).toHaveLength(0);
  });

  it('lets bound parameters, plain literals, SqlText and regular expressions through', async () => {
    for (const code of SAFE) expect(await sqlRuleMessages('store', code), code).toHaveLength(0);
  });
});
