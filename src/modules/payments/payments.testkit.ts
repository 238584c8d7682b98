// Shared by the payment tests: a dossier awaiting payment, the gateway simulator, and the portal's IPN endpoint.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type PaymentGatewaySimulator,
  startPaymentGatewaySimulator,
} from '../../../simulators/payment-gateway/payment-gateway.ts';
import type { Db } from '../../db/database.ts';
import type { fixedClock } from '../../lib/clock.ts';
import {
  applicantOf,
  cashier,
  citizen,
  dossierHarness,
  intake,
  pdfBytes,
  pngBytes,
  TEST_VERSION_ID,
  testProcedure,
  validForm,
} from '../dossiers/dossiers.testkit.ts';
import { PaymentsService } from './payments.service.ts';
import { VnpayGateway } from './vnpay.ts';

const TMN_CODE = 'MOTCUA01';
export const FEE = 50_000;

export interface PaymentHarness {
  payments: PaymentsService;
  gateway: PaymentGatewaySimulator;
  secret: string;
  /** A dossier accepted and then asked to pay `FEE` (status 6). */
  dossierAwaitingPayment(): Promise<string>;
  /** Points the simulator's IPN at the portal (or at nothing, as if the portal were down). */
  portalUp(up: boolean): void;
  stop(): Promise<void>;
}

export async function paymentHarness(db: Db, dataDir: string, clock: ReturnType<typeof fixedClock>) {
  const secret = randomBytes(24).toString('hex');
  const h = dossierHarness(db, dataDir, clock);
  const gateway = await startPaymentGatewaySimulator({
    terminals: [{ tmnCode: TMN_CODE, hashSecret: secret }],
    lateIpnMs: 100,
  });
  const payments = new PaymentsService({
    db,
    dossiers: h.service,
    catalog: { getVersion: async () => ({ versionId: TEST_VERSION_ID, version: 1, definition: testProcedure }) },
    gateway: new VnpayGateway({
      paymentUrl: gateway.paymentUrl,
      apiUrl: gateway.apiUrl,
      tmnCode: TMN_CODE,
      hashSecret: secret,
    }),
    clock,
    baseUrl: () => 'http://portal.test',
  });
  // The portal's IPN endpoint, as the routes wire it: query string in, JSON answer out.
  const ipn = http.createServer((req, res) => {
    const params = Object.fromEntries(new URL(req.url ?? '/', 'http://x').searchParams);
    void payments.handleIpn(params).then((answer) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => ipn.listen(0, '127.0.0.1', resolve));
  const ipnUrl = `http://127.0.0.1:${(ipn.address() as AddressInfo).port}/payments/vnpay/ipn`;
  gateway.setIpnUrl(TMN_CODE, ipnUrl);
  let n = 0;

  return {
    payments,
    gateway,
    secret,
    async dossierAwaitingPayment() {
      n += 1;
      const don = await h.upload(pdfBytes(n), 'don.pdf', citizen.userId);
      const photo = await h.upload(pngBytes, 'anh.png', citizen.userId);
      const submitted = await h.service.submitDossier(citizen, {
        submissionKey: `payment-test-${n}`,
        procedureVersionId: TEST_VERSION_ID,
        caseCode: 'HKD',
        channel: 2,
        applicant: { ...applicantOf(), email: 'an.nguyen@example.vn', userId: citizen.userId },
        form: validForm,
        components: [
          { code: 'DON', fileIds: [don] },
          { code: 'ANH', fileIds: [photo] },
        ],
        delivery: { method: 'electronic' },
      });
      const accepted = await h.service.act(submitted.code, intake, { action: 'accept' }, submitted.version);
      await h.service.act(accepted.code, cashier, { action: 'request_payment', amount: FEE }, accepted.version);
      return submitted.code;
    },
    portalUp(up: boolean) {
      gateway.setIpnUrl(TMN_CODE, up ? ipnUrl : 'http://127.0.0.1:9/payments/vnpay/ipn');
    },
    async stop() {
      await gateway.stop();
      ipn.closeAllConnections();
      await new Promise<void>((resolve) => ipn.close(() => resolve()));
    },
  } satisfies PaymentHarness;
}
