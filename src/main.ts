import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, Option } from 'commander';
import { ConfigError, loadConfig } from './config.ts';
import { connect, DatabaseUnreachableError } from './db/connect.ts';
import { migrateToLatest } from './db/migrate.ts';
import { translate, translator } from './web/i18n/index.ts';

// Each command imports what it needs when it runs: `motcua --help` or `migrate` need not load the whole app.
const program = new Command('motcua')
  .description('Cổng dịch vụ công và Hệ thống một cửa điện tử — public service portal and one-stop back office')
  .showHelpAfterError();

function onStop(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

program
  .command('serve')
  .description(
    'migrate, seed the demo province into an empty database (unless MOTCUA_DEMO=0), serve HTTP and run the worker',
  )
  .action(async () => {
    const config = loadConfig();
    const { startServer } = await import('./runtime.ts');
    const { demoAccounts } = await import('./seed/demo-province.ts');
    const running = await startServer(config);
    onStop(running.stop);
    const lines = [``, translate('vi', 'cli.listening', { url: running.url })];
    if (config.demo) {
      lines.push(translate('vi', 'cli.demoLogins', { password: config.demoPassword }));
      for (const a of demoAccounts) lines.push(`  ${a.username.padEnd(11)} ${translate('vi', a.purposeKey)}`);
    }
    if (running.mailSink) lines.push(translate('vi', 'cli.mailSink', { url: running.mailSink.httpUrl }));
    if (running.ssoSimulator) lines.push(translate('vi', 'cli.sso', { url: running.ssoSimulator.issuer }));
    if (running.postalSimulator) lines.push(translate('vi', 'cli.postal', { url: running.postalSimulator.url }));
    if (running.nationalPortalSimulator) {
      lines.push(translate('vi', 'cli.nationalPortal', { url: running.nationalPortalSimulator.url }));
    }
    if (running.paymentGateway) {
      lines.push(translate('vi', 'payments.cli.gateway', { url: running.paymentGateway.url }));
    }
    if (running.smsSimulator) lines.push(translate('vi', 'cli.sms', { url: running.smsSimulator.url }));
    process.stdout.write(`${lines.join('\n')}\n\n`);
  });

program
  .command('worker')
  .description('deliver outbox messages (notifications, partner sync) without serving HTTP; run several at scale')
  .action(async () => {
    const config = loadConfig();
    const { createLogger } = await import('./runtime.ts');
    const { createWorker } = await import('./worker.ts');
    const { systemClock } = await import('./lib/clock.ts');
    const { nationalPortalSettingsFrom } = await import('./modules/national-portal/national-portal.client.ts');
    const { workerPayments } = await import('./modules/payments/payments.setup.ts');
    const { postalSettingsFrom } = await import('./modules/postal/postal.service.ts');
    const { smsSettingsFrom } = await import('./modules/sms/sms.service.ts');
    const { configureReferenceCache } = await import('./db/reference-cache.ts');
    const db = await connect(config);
    // The worker reads procedures and the calendar too: it checks for others' changes as often as the app does.
    configureReferenceCache(db.kysely, { checkEveryMs: config.env.MOTCUA_REFERENCE_CHECK_MS });
    const worker = createWorker(db, systemClock, createLogger(config), {
      smtpUrl: config.env.SMTP_URL,
      mailFrom: config.env.MAIL_FROM,
      dataDir: config.dataDir,
      maxFileBytes: config.maxFileBytes,
      baseUrl: () => config.baseUrl,
      nationalPortal: nationalPortalSettingsFrom(config.env),
      payments: workerPayments(config, db, systemClock),
      postal: () => postalSettingsFrom(config.env),
      sms: () => smsSettingsFrom(config.env),
      auditRetentionDays: config.env.MOTCUA_AUDIT_RETENTION_DAYS,
    });
    worker.start();
    onStop(async () => {
      await worker.stop();
      await db.close();
    });
  });

program
  .command('migrate')
  .description('apply pending database migrations (forward only)')
  .action(async () => {
    const db = await connect(loadConfig());
    const applied = await migrateToLatest(db.kysely);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database is up to date\n');
    await db.close();
  });

program
  .command('seed')
  .description('load data into the database')
  .option('--demo', 'the demo province: agencies, officers, a citizen')
  .option('--dossiers <count>', 'with --demo: tops the dossiers up to this many generated ones over several years')
  .action(async (options: { demo?: boolean; dossiers?: string }) => {
    if (!options.demo) program.error('seed: say what to load, e.g. --demo');
    const count = options.dossiers === undefined ? 0 : Number(options.dossiers);
    if (!Number.isInteger(count) || count < 0) program.error('seed: --dossiers needs a whole number, e.g. 200000');
    const config = loadConfig();
    const { seedDemo } = await import('./seed/seed-demo.ts');
    const db = await connect(config);
    await migrateToLatest(db.kysely);
    const seeded = await seedDemo(db, config.demoPassword);
    process.stdout.write(seeded ? 'demo province seeded\n' : 'the database already has agencies: nothing seeded\n');
    if (count > 0) {
      // The benchmark's generator: realistic shares of agencies, channels, supplements and late dossiers.
      const { generateDossiers, stderrProgress } = await import('../bench/dossier-generator.ts');
      await generateDossiers(db.kysely, { count, progress: stderrProgress() });
      process.stdout.write(`dossiers: ${count} in the database\n`);
    }
    await db.close();
  });

program
  .command('create-admin')
  .description('create a province-wide administrator (production installs, instead of the demo accounts)')
  .requiredOption('--username <name>', 'login name')
  .requiredOption('--full-name <name>', 'full name')
  .option('--email <email>', 'e-mail address')
  .option('--agency <identifier>', 'agency the role applies to (default: the root agency)')
  .option('--agency-name <name>', 'creates the root agency with --agency as identifier when the database has none')
  .addHelpText('after', '\nThe password is read from MOTCUA_ADMIN_PASSWORD (at least 12 characters).')
  .action(async (o: { username: string; fullName: string; email?: string; agency?: string; agencyName?: string }) => {
    const password = process.env.MOTCUA_ADMIN_PASSWORD ?? '';
    if (password.length < 12) program.error('create-admin: set MOTCUA_ADMIN_PASSWORD to at least 12 characters');
    const { inTransaction } = await import('./db/transaction.ts');
    const agencies = await import('./modules/agencies/agencies.service.ts');
    const identity = await import('./modules/identity/identity.service.ts');
    const db = await connect(loadConfig());
    await migrateToLatest(db.kysely);
    try {
      await inTransaction(db.kysely, async (tx) => {
        let agency = o.agency
          ? await agencies.findAgency(tx, o.agency)
          : (await agencies.listAgencies(tx)).find((a) => !a.parentId);
        if (!agency && o.agency && o.agencyName) {
          agency = await agencies.createAgency(tx, {
            identifier: o.agency,
            name: o.agencyName,
            kind: 'people_committee',
            level: 'province',
          });
        }
        if (!agency) throw new Error('no such agency: pass --agency <identifier> (and --agency-name to create it)');
        const user = await identity.createUser(tx, {
          username: o.username,
          kind: 'officer',
          password,
          fullName: o.fullName,
          email: o.email,
        });
        await identity.grantRole(tx, user.id, agency.id, 'admin');
        process.stdout.write(`administrator ${user.username} created for ${agency.name}\n`);
      });
    } finally {
      await db.close();
    }
  });

program
  .command('backup')
  .description('copy the SQLite database online to a file; for PostgreSQL, print the pg_dump command')
  .option('--out <file>', 'target file')
  .action(async (o: { out?: string }) => {
    const config = loadConfig();
    const { backupSqlite, pgDumpCommand } = await import('./db/backup.ts');
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    if (config.dialect === 'postgres') {
      process.stdout.write(`${pgDumpCommand(config.databaseUrl, o.out ?? `motcua-${stamp}.dump`)}\n`);
      return;
    }
    const target = path.resolve(o.out ?? path.join(config.dataDir, 'backups', `motcua-${stamp}.db`));
    process.stderr.write('backup: copying a consistent snapshot…\n');
    backupSqlite(config.databaseUrl.slice('sqlite:'.length), target);
    process.stdout.write(`${target}\n`);
  });

const importCommand = program.command('import').description('load data from a file');

importCommand
  .command('catalog <file>')
  .description('import a procedure catalogue exported as JSON: checked in full first, then written all or nothing')
  .action(async (file: string) => {
    const document = JSON.parse(await readFile(path.resolve(file), 'utf8')) as unknown;
    const { CatalogImportError, importCatalogue } = await import('./modules/catalog/catalog.transfer.ts');
    const db = await connect(loadConfig());
    await migrateToLatest(db.kysely);
    try {
      const summary = await importCatalogue(db.kysely, document, {
        onCheck: (done, total) => process.stderr.write(`\rcheck  ${progressBar(done, total)}`),
        onWrite: (done, total) => process.stderr.write(`\rimport ${progressBar(done, total)}`),
      });
      process.stderr.write('\n');
      process.stdout.write(`${translate('vi', 'catalog.import.done', { ...summary })}\n`);
    } catch (error) {
      if (!(error instanceof CatalogImportError)) throw error;
      process.stderr.write(`\n${translate('vi', error.messageKey, error.params)}\n`);
      for (const r of error.rows) {
        const message = translate('vi', r.messageKey, r.params);
        process.stderr.write(
          `  ${translate('vi', 'catalog.import.row', { row: r.row ?? '—', code: r.code ?? '—', path: r.path, message })}\n`,
        );
      }
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

importCommand
  .command('dossiers <file>')
  .description(
    'import dossier records of an earlier system from CSV (code,procedureCode,agencyCode,channel,onlineLevel,' +
      'receivedAt,dueAt,resolvedAt,returnedAt,status): each row checked, bad rows reported, idempotent by code',
  )
  .action(async (file: string) => {
    const { ImportHeaderError, importDossiers } = await import('./modules/statistics/dossier-import.ts');
    const { CatalogService } = await import('./modules/catalog/catalog.service.ts');
    const text = await readFile(path.resolve(file), 'utf8');
    const db = await connect(loadConfig());
    await migrateToLatest(db.kysely);
    try {
      const report = await importDossiers(db, new CatalogService(db), text, {
        onProgress: (done, total) => {
          if (done % 1000 === 0 || done === total) process.stderr.write(`\rimport ${progressBar(done, total)}`);
        },
      });
      process.stderr.write('\n');
      for (const r of report.rejected) {
        const message = translate('vi', r.messageKey, r.params);
        process.stderr.write(
          `  ${translate('vi', 'statistics.import.rejected', { row: r.row, code: r.code || '—', message })}\n`,
        );
      }
      const summary = { imported: report.imported, updated: report.updated, rejected: report.rejected.length };
      process.stdout.write(`${translate('vi', 'statistics.import.done', summary)}\n`);
      if (report.rejected.length > 0) process.exitCode = 1;
    } catch (error) {
      if (!(error instanceof ImportHeaderError)) throw error;
      process.stderr.write(`${translate('vi', error.messageKey, error.params)}\n`);
      process.exitCode = 1;
    } finally {
      await db.close();
    }
  });

program
  .command('export')
  .description('write data to a file')
  .command('catalog')
  .description('export the procedure catalogue: JSON (for import elsewhere) or CSV (a list for spreadsheets)')
  .addOption(new Option('--format <format>', 'file format').choices(['json', 'csv']).default('json'))
  .option('--out <file>', 'target file (default: standard output)')
  .action(async (o: { format: 'json' | 'csv'; out?: string }) => {
    const { exportCatalogue, exportCsv, serialiseCatalogue } = await import('./modules/catalog/catalog.transfer.ts');
    const db = await connect(loadConfig());
    await migrateToLatest(db.kysely);
    try {
      const text =
        o.format === 'csv'
          ? await exportCsv(db.kysely, translator('vi'))
          : serialiseCatalogue(
              await exportCatalogue(db.kysely, (done, total) =>
                process.stderr.write(`\rexport ${progressBar(done, total)}`),
              ),
            );
      if (o.format === 'json') process.stderr.write('\n');
      if (o.out) {
        await writeFile(path.resolve(o.out), text);
        process.stdout.write(`${path.resolve(o.out)}\n`);
      } else {
        process.stdout.write(text);
      }
    } finally {
      await db.close();
    }
  });

program
  .command('pull-catalog')
  .description(
    'fetch procedure definitions from the national procedure database: new and changed procedures become catalogue ' +
      'drafts for an administrator to review and publish',
  )
  .action(async () => {
    const config = loadConfig();
    const { nationalPortalSettingsFrom } = await import('./modules/national-portal/national-portal.client.ts');
    const { CatalogService } = await import('./modules/catalog/catalog.service.ts');
    const { systemClock } = await import('./lib/clock.ts');
    const settings = nationalPortalSettingsFrom(config.env);
    if (!settings) return program.error('pull-catalog: set NATIONAL_PORTAL_URL and NATIONAL_PORTAL_SECRET');
    const { NationalCatalogueSync } = await import('./modules/national-portal/national-portal.catalogue.ts');
    const { NationalPortalClient } = await import('./modules/national-portal/national-portal.client.ts');
    const db = await connect(config);
    await migrateToLatest(db.kysely);
    try {
      const sync = new NationalCatalogueSync(db, new CatalogService(db));
      const pull = await sync.pull(new NationalPortalClient(db.kysely, settings, systemClock), null);
      if (pull.outcome === 'failed') {
        process.stderr.write(`${translate('vi', 'nationalPortal.catalogue.failed', { error: pull.error ?? '' })}\n`);
        process.exitCode = 1;
        return;
      }
      const count = (...states: string[]) => pull.entries.filter((e) => states.includes(e.state)).length;
      for (const e of pull.entries) {
        if (e.state === 'unchanged') continue;
        const state = translate('vi', `nationalPortal.catalogue.state.${e.state}`);
        process.stdout.write(
          `${translate('vi', 'nationalPortal.catalogue.cliEntry', { code: e.nationalCode, state })}\n`,
        );
      }
      const summary = {
        total: pull.entries.length,
        created: count('new'),
        updated: count('updated'),
        unchanged: count('unchanged'),
        refused: count('invalid', 'malformed'),
      };
      process.stdout.write(`${translate('vi', 'nationalPortal.catalogue.cliDone', summary)}\n`);
    } finally {
      await db.close();
    }
  });

function progressBar(done: number, total: number): string {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${total ? Math.round((done / total) * 100) : 100}%`;
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof ConfigError || error instanceof DatabaseUnreachableError) {
    process.stderr.write(`motcua: ${error.message}\n`);
    process.exit(1);
  }
  throw error;
}
