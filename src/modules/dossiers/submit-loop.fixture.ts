// Test fixture: submits (and accepts every other) dossier in a loop against the database in argv[2], with files under
// argv[3], printing each code once its transaction has committed, until it is killed.
import { openDatabase } from '../../db/database.ts';
import { systemClock } from '../../lib/clock.ts';
import {
  applicantOf,
  citizen,
  dossierHarness,
  intake,
  pdfBytes,
  pngBytes,
  TEST_VERSION_ID,
  validForm,
} from './dossiers.testkit.ts';

const db = openDatabase(process.argv[2] ?? '');
const h = dossierHarness(db, process.argv[3] ?? '', systemClock);
for (let i = 0; ; i++) {
  const don = await h.upload(pdfBytes(Math.random()), 'don.pdf', citizen.userId);
  const photo = await h.upload(pngBytes, 'anh.png', citizen.userId);
  const dossier = await h.service.submitDossier(citizen, {
    submissionKey: `crash-${process.pid}-${i}`,
    procedureVersionId: TEST_VERSION_ID,
    caseCode: 'HKD',
    channel: 2,
    applicant: applicantOf(),
    form: validForm,
    components: [
      { code: 'DON', fileIds: [don] },
      { code: 'ANH', fileIds: [photo] },
    ],
    delivery: { method: 'electronic' },
  });
  process.stdout.write(`${dossier.code}\n`);
  if (i % 2 === 0) await h.service.act(dossier.code, intake, { action: 'accept' }, dossier.version);
}
