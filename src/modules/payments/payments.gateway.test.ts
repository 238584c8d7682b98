import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../lib/clock.ts';
import { createTestDb, type TestDb } from '../../testing/test-db.ts';
import { statuses } from '../dossiers/lifecycle.ts';
import { paymentCheckHandler } from './payments.setup.ts';
import { FEE, type PaymentHarness, paymentHarness } from './payments.testkit.ts';
import { hmac512, signedQuery } from './vnpay.ts';

let t: TestDb;
let h: PaymentHarness;
const clock = fixedClock(new Date());

beforeAll(async () => {
  t = await createTestDb();
  h = await paymentHarness(t.db, t.dataDir, clock);
});
afterAll(async () => {
  await h.stop();
  await t.cleanup();
});

/** The query parameters of a URL, as the gateway signed them. */
const paramsOf = (url: string) => Object.fromEntries(new URL(url).searchParams);

/** Opens the payment page at the simulator, as the payer's browser does; answers the TxnRef. */
async function openAtGateway(code: string): Promise<string> {
  const { paymentUrl, txnRef } = await h.payments.startOnline(code, {
    userId: 'citizen-an',
    ip: '10.0.0.1',
    locale: 'vi',
  });
  const page = await fetch(paymentUrl);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(txnRef);
  return txnRef;
}

async function bookedOf(code: string) {
  const state = await h.payments.state(code);
  return { state, fees: state.payments.filter((p) => p.kind === 'fee'), status: state.dossier.status };
}

/** A callback signed with the terminal's real secret, after `change` (a forger who knows the secret cannot exist). */
function resigned(params: Record<string, string>, change: Record<string, string>, secret = h.secret) {
  const next = { ...params, ...change };
  return { ...next, vnp_SecureHash: hmac512(secret, signedQuery(next)) };
}

describe('online payment through the VNPAY simulator', () => {
  it('a paid IPN books the fee once, resumes the dossier and gives a receipt; a replayed IPN is answered 02', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    await h.gateway.decide(txnRef, 'success', 'now');
    expect(h.gateway.ipnLog.at(-1)).toMatchObject({ txnRef, reply: { RspCode: '00', Message: 'Confirm Success' } });

    const { fees, status, state } = await bookedOf(code);
    expect(fees).toHaveLength(1);
    expect(fees[0]).toMatchObject({ amount: FEE, method: 'online', refunded: 0 });
    expect(fees[0]?.receiptNumber).toMatch(/^\d{7}\/\d{4}\/000\.00\.10\.H08$/);
    expect(status).toBe(statuses.accepted);
    expect(state.due).toMatchObject({ total: FEE, paid: FEE, outstanding: 0, payable: false });
    expect(state.dossier.actions.at(-1)).toMatchObject({ action: 'confirm_payment', role: 'system' });

    const replay = await h.gateway.resendIpn(txnRef);
    expect(replay.reply).toEqual({ RspCode: '02', Message: 'Order already confirmed' });
    expect((await bookedOf(code)).fees).toHaveLength(1);
    expect(await h.payments.paidVia([code])).toEqual(new Map([[code, 'online']]));
  });

  it('refuses forged or altered signatures, an amount one đồng off and an unknown TxnRef, booking nothing', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    const params = paramsOf(await h.gateway.decide(txnRef, 'success', 'none'));

    expect(await h.payments.handleIpn({ ...params, vnp_Amount: String((FEE - 1) * 100) })).toMatchObject({
      RspCode: '97',
    });
    expect(await h.payments.handleIpn(resigned(params, {}, 'not-the-secret'))).toMatchObject({ RspCode: '97' });
    expect(await h.payments.handleIpn({ ...params, vnp_SecureHash: undefined as unknown as string })).toMatchObject({
      RspCode: '97',
    });
    expect(await h.payments.handleIpn(resigned(params, { vnp_Amount: String((FEE - 1) * 100) }))).toEqual({
      RspCode: '04',
      Message: 'Invalid amount',
    });
    expect(await h.payments.handleIpn(resigned(params, { vnp_Amount: String((FEE + 1) * 100) }))).toMatchObject({
      RspCode: '04',
    });
    expect(await h.payments.handleIpn(resigned(params, { vnp_TxnRef: `${txnRef}X` }))).toEqual({
      RspCode: '01',
      Message: 'Order not found',
    });
    // The browser's return, even perfectly signed, does not book by itself: the query to the gateway decides.
    expect((await bookedOf(code)).fees).toHaveLength(0);
    expect(await h.payments.handleReturn({ ...params, vnp_ResponseCode: '00', vnp_SecureHash: 'ab' })).toEqual({
      kind: 'invalid',
    });
    expect((await bookedOf(code)).fees).toHaveLength(0);

    // The genuine IPN still goes through afterwards.
    expect(await h.payments.handleIpn(params)).toEqual({ RspCode: '00', Message: 'Confirm Success' });
    expect((await bookedOf(code)).fees).toHaveLength(1);
  });

  it('a return before the IPN asks the gateway and books; the late IPN is then answered 02', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    const returned = await h.gateway.decide(txnRef, 'success', 'late');
    expect(await h.payments.handleReturn(paramsOf(returned))).toEqual({
      kind: 'succeeded',
      dossierCode: code,
      amount: FEE,
    });
    await h.gateway.settle();
    expect(h.gateway.ipnLog.at(-1)).toMatchObject({ txnRef, reply: { RspCode: '02' } });
    expect((await bookedOf(code)).fees).toHaveLength(1);
  });

  it('a failed payment can be retried with a new TxnRef', async () => {
    const code = await h.dossierAwaitingPayment();
    const first = await openAtGateway(code);
    const failed = await h.gateway.decide(first, 'failure', 'now');
    expect(await h.payments.handleReturn(paramsOf(failed))).toMatchObject({ kind: 'failed' });
    expect((await bookedOf(code)).status).toBe(statuses.awaitingPayment);

    const second = await openAtGateway(code);
    expect(second).not.toBe(first);
    await h.gateway.decide(second, 'success', 'twice');
    expect(h.gateway.ipnLog.slice(-2).map((d) => (d.reply as { RspCode: string }).RspCode)).toEqual(['00', '02']);
    const { fees, status } = await bookedOf(code);
    expect(fees).toHaveLength(1);
    expect(status).toBe(statuses.accepted);
  });

  it('a gateway that does not answer leaves the attempt pending; the reconciliation job books it later', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    h.gateway.setAvailable(false);
    try {
      const returned = await h.gateway.decide(txnRef, 'success', 'now');
      expect(h.gateway.ipnLog.at(-1)).toMatchObject({ txnRef, reply: 'not sent' });
      expect(await h.payments.handleReturn(paramsOf(returned))).toMatchObject({ kind: 'pending' });
      expect(await h.payments.reconcilePending(0)).toEqual({ checked: 1, unreachable: 1 });
      expect((await bookedOf(code)).fees).toHaveLength(0);
    } finally {
      h.gateway.setAvailable(true);
    }
    expect(await h.payments.reconcilePending(0)).toEqual({ checked: 1, unreachable: 0 });
    expect((await bookedOf(code)).fees).toHaveLength(1);
    expect(await h.payments.reconcilePending(0)).toEqual({ checked: 0, unreachable: 0 });
  });

  it('the portal down when the gateway confirmed: the next query books exactly once, a later IPN changes nothing', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    h.portalUp(false);
    try {
      await h.gateway.decide(txnRef, 'success', 'now');
      expect(h.gateway.ipnLog.at(-1)?.status).toBeNull();
    } finally {
      h.portalUp(true);
    }
    expect((await bookedOf(code)).fees).toHaveLength(0);
    const [a, b] = await Promise.all([h.payments.checkAttempt(txnRef), h.payments.checkAttempt(txnRef)]);
    expect([a, b]).toEqual(['succeeded', 'succeeded']);
    expect((await h.gateway.resendIpn(txnRef)).reply).toMatchObject({ RspCode: '02' });
    const { fees, state } = await bookedOf(code);
    expect(fees).toHaveLength(1);
    expect(state.payments).toHaveLength(1);
  });

  it('an attempt expires; a late success of the old attempt after the new one paid is an overpayment to refund', async () => {
    const code = await h.dossierAwaitingPayment();
    const old = await openAtGateway(code);
    clock.advance(16 * 60_000);
    const fresh = await openAtGateway(code);
    expect(fresh).not.toBe(old);
    await h.gateway.decide(fresh, 'success', 'now');
    await h.gateway.decide(old, 'success', 'now');
    expect(h.gateway.ipnLog.at(-1)).toMatchObject({ txnRef: old, reply: { RspCode: '00' } });

    const { state } = await bookedOf(code);
    expect(state.payments.map((p) => p.kind).sort()).toEqual(['fee', 'overpayment']);
    const over = (await h.payments.overpayments(['000.00.10.H08'])).filter((o) => o.dossierCode === code);
    expect(over).toMatchObject([{ amount: FEE, refunded: 0, method: 'online' }]);

    const refunded = await h.payments.recordRefund(over[0]!.id, 'officer-cashier', {
      amount: FEE,
      reason: 'Thanh toán trùng',
    });
    expect(refunded.refunded).toBe(FEE);
    expect(h.gateway.transactions.get(old)?.refunded).toBe(FEE * 100);
    await expect(
      h.payments.recordRefund(over[0]!.id, 'officer-cashier', { amount: 1, reason: 'lần nữa' }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('an expired attempt the gateway never saw paid becomes expired when the job asks', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    clock.advance(16 * 60_000);
    expect(await h.payments.checkAttempt(txnRef)).toBe('expired');
    expect((await bookedOf(code)).status).toBe(statuses.awaitingPayment);
  });

  it('the worker’s payment.check fails (to be retried) while the gateway is silent, and books once it answers', async () => {
    const code = await h.dossierAwaitingPayment();
    const txnRef = await openAtGateway(code);
    const check = paymentCheckHandler(h.payments);
    const message = {
      id: 1,
      topic: 'payment.check',
      orderingKey: null,
      dedupeKey: `payment.check:${txnRef}`,
      attempt: 1,
    };
    h.gateway.setAvailable(false);
    try {
      await h.gateway.decide(txnRef, 'success', 'none');
      await expect(check({ ...message, payload: { txnRef } })).rejects.toThrow();
    } finally {
      h.gateway.setAvailable(true);
    }
    await check({ ...message, attempt: 2, payload: { txnRef } });
    await check({ ...message, attempt: 3, payload: { txnRef } });
    expect((await bookedOf(code)).fees).toHaveLength(1);
  });
});
