import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoCatalog } from './demo-catalog.ts';

const cli = path.resolve('bin/motcua.js');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-catalog-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: { ...process.env, LOG_LEVEL: 'warn', MOTCUA_DATA_DIR: dir, DATABASE_URL: '' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// On the embedded database, as an administrator would run it.
describe('motcua import/export catalog', () => {
  it('exports JSON and CSV with progress, re-imports without change, and refuses a bad file with a row report', async () => {
    expect((await run(['seed', '--demo'])).code).toBe(0);
    const file = path.join(dir, 'catalog.json');
    const exported = await run(['export', 'catalog', '--out', file]);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('100%');
    const document = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(document.procedures).toHaveLength(demoCatalog.length);

    const imported = await run(['import', 'catalog', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`Đã nhập ${demoCatalog.length} thủ tục (0 có thay đổi).`);

    const csv = await run(['export', 'catalog', '--format', 'csv']);
    expect(csv.stdout).toContain('Mã thủ tục,Tên thủ tục');

    document.procedures[1].definition.cases[0].fees = [{ code: 'X', name: 'Lệ phí', kind: 'fixed', amount: -1 }];
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify(document));
    const refused = await run(['import', 'catalog', bad]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('chưa thủ tục nào được nhập');
    expect(refused.stderr).toContain(
      `Dòng 1 (${document.procedures[1].definition.code}), definition.cases.0.fees.0.amount: Giá trị nhỏ hơn giới hạn cho phép (0).`,
    );
  }, 90_000);
});
