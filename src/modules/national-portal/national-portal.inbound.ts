/**
 * Inbound: dossiers filed on the national portal become our dossiers through the submission service (channel 2,
 * source recorded), whether the portal pushes them or we poll. A packet that cannot become a dossier is parked with
 * its reason for an administrator — never dropped; a packet whose national code we already have is an update.
 */
import { Readable } from 'node:stream';
import type { Db } from '../../db/database.ts';
import { type Clock, systemClock } from '../../lib/clock.ts';
import { NotFoundError, ValidationError } from '../../lib/errors.ts';
import type { ProcedureCase } from '../catalog/catalog.schema.ts';
import type { CatalogService } from '../catalog/catalog.service.ts';
import type { ComponentFiles, Delivery, Actor as DossierActor } from '../dossiers/dossiers.schema.ts';
import type { DossierService } from '../dossiers/dossiers.service.ts';
import type { FileService } from '../files/files.service.ts';
import { digest, PartnerResponseTooLargeError, PartnerUnreachableError } from '../partners/partners.service.ts';
import { type NationalPortalClient, NationalPortalError, PARTNER } from './national-portal.client.ts';
import * as repo from './national-portal.repo.ts';
import { type InboundDossier, type InboundOutcome, inboundDossierSchema } from './national-portal.schema.ts';

const partnerActor: DossierActor = { userId: PARTNER, kind: 'system', roles: [] };
const POLL_CURSOR = 'new-dossiers';
const DOWNLOAD_FAILED = 'nationalPortal.reason.download';

/** The reason a packet is parked: an i18n key and its parameters, stored as JSON. */
export interface ParkReason {
  key: string;
  params: Record<string, string>;
}

export interface ParkedPacket {
  nationalCode: string;
  nationalProcedureCode: string | null;
  reason: ParkReason;
  receivedAt: string;
  updatedAt: string;
}

export class NationalPortalInbound {
  constructor(
    private readonly db: Db,
    private readonly dossiers: DossierService,
    private readonly catalog: CatalogService,
    private readonly files: FileService,
    /** Fetches the packets' attachments; undefined when the link to the portal is off. */
    private readonly client: NationalPortalClient | undefined,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Takes one packet in: a new dossier, an update of one we have, or a parked packet. */
  async receive(raw: unknown): Promise<InboundOutcome> {
    const at = this.clock.now().toISOString();
    const rawCode = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
    // A packet without a usable code is still kept, under its digest.
    const nationalCode =
      typeof rawCode === 'string' && rawCode.trim() !== '' && rawCode.length <= 60
        ? rawCode.trim()
        : `invalid:${digest(JSON.stringify(raw ?? null)).slice(7, 31)}`;
    const packetText = JSON.stringify(raw ?? null);
    const existing = await repo.findInbound(this.db.kysely, nationalCode);
    if (existing?.state === 'created' && existing.dossier_code) {
      await repo.updateInbound(this.db.kysely, nationalCode, {
        packet: packetText,
        revisions: existing.revisions + 1,
        updated_at: at,
      });
      return { state: 'updated', dossierCode: existing.dossier_code };
    }
    const parsed = inboundDossierSchema.safeParse(raw);
    const outcome: InboundOutcome = parsed.success
      ? await this.#create(parsed.data)
      : {
          state: 'parked',
          reason: JSON.stringify({
            key: 'nationalPortal.reason.malformed',
            params: { detail: parsed.error.issues.map((i) => `${i.path.join('.') || '—'}: ${i.message}`).join('; ') },
          } satisfies ParkReason),
        };
    const row = {
      national_procedure_code:
        typeof (raw as { MaTTHC?: unknown })?.MaTTHC === 'string'
          ? String((raw as { MaTTHC: string }).MaTTHC).slice(0, 100)
          : null,
      state: outcome.state === 'parked' ? ('parked' as const) : ('created' as const),
      reason: outcome.state === 'parked' ? outcome.reason : null,
      dossier_code: outcome.state === 'parked' ? null : outcome.dossierCode,
      packet: packetText,
      updated_at: at,
    };
    if (existing) {
      await repo.updateInbound(this.db.kysely, nationalCode, { ...row, revisions: existing.revisions + 1 });
    } else if (
      !(await repo.insertInboundIfAbsent(this.db.kysely, {
        ...row,
        national_code: nationalCode,
        revisions: 1,
        received_at: at,
      }))
    ) {
      // A duplicate push raced this one and recorded the same dossier first (the submission key made it the same).
      await repo.updateInbound(this.db.kysely, nationalCode, { packet: packetText, updated_at: at });
      if (outcome.state !== 'parked') return { state: 'updated', dossierCode: outcome.dossierCode };
    }
    return outcome;
  }

  async #create(packet: InboundDossier): Promise<InboundOutcome> {
    const park = (key: string, params: Record<string, string>): InboundOutcome => ({
      state: 'parked',
      reason: JSON.stringify({ key: `nationalPortal.reason.${key}`, params } satisfies ParkReason),
    });
    const mapping = await repo.findMapping(this.db.kysely, packet.MaTTHC);
    const procedureCode = mapping?.procedure_code ?? packet.MaTTHC;
    const published = await this.catalog.getPublished(procedureCode).catch((error: unknown) => {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    });
    if (!published)
      return mapping ? park('notPublished', { code: procedureCode }) : park('unmapped', { code: packet.MaTTHC });
    const { definition } = published;
    const caseCode = mapping?.case_code ?? packet.MaTruongHop ?? definition.cases[0]?.code ?? '';
    const procedureCase = definition.cases.find((c) => c.code === caseCode);
    if (!procedureCase) return park('unknownCase', { code: procedureCode, case: caseCode });
    const attached = await this.#download(packet, procedureCase);
    if ('key' in attached) return park(attached.key, attached.params);
    const delivery: Delivery =
      packet.HinhThucNhanKetQua === 3
        ? { method: 'postal', address: packet.DiaChiNhanKetQua ?? packet.DiaChi ?? '' }
        : packet.HinhThucNhanKetQua === 1 || !definition.result.electronic
          ? { method: 'counter' }
          : { method: 'electronic' };
    try {
      const dossier = await this.dossiers.submitDossier(partnerActor, {
        submissionKey: `np_${packet.MaHoSo.replace(/[^A-Za-z0-9_-]/g, '_')}`,
        procedureVersionId: published.versionId,
        caseCode,
        channel: 2,
        applicant: {
          name: packet.ChuHoSo,
          idNumber: packet.SoGiayToChuHoSo,
          phone: packet.SoDienThoai,
          email: packet.Email,
          address: packet.DiaChi,
        },
        form: packet.DuLieuBieuMau ?? {},
        components: attached,
        delivery,
        source: { system: PARTNER, reference: packet.MaHoSo },
      });
      return { state: 'created', dossierCode: dossier.code };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return park('refused', { detail: error.fields.map((f) => `${f.path}: ${f.messageKey}`).join('; ') });
    }
  }

  /**
   * Downloads the packet's attachments into the file store, as if the applicant had uploaded them (type sniffed from
   * the bytes, size limit), grouped by component. The first file that cannot be fetched or is refused is the reason to
   * park the whole packet: a dossier never comes in with half its files. Files stored before the refusal stay
   * unattached and the file sweeper removes them.
   */
  async #download(packet: InboundDossier, procedureCase: ProcedureCase): Promise<ComponentFiles[] | ParkReason> {
    const byComponent = new Map<string, string[]>();
    for (const document of packet.TaiLieuNop ?? []) {
      const name = document.TenTepDinhKem;
      const component = procedureCase.components.find((c) => c.code === document.MaThanhPhanHoSo);
      if (!component) return { key: 'unknownComponent', params: { component: document.MaThanhPhanHoSo, name } };
      if (!this.client) return { key: 'download', params: { name, detail: 'not_configured' } };
      try {
        const bytes = await this.client.downloadFile(
          document.DuongDanTaiTepTin,
          packet.MaHoSo,
          this.files.maxFileBytes,
        );
        const file = await this.files.upload({
          stream: Readable.from([bytes]),
          filename: name,
          uploadedBy: null,
          accept: component.fileTypes,
        });
        byComponent.set(component.code, [...(byComponent.get(component.code) ?? []), file.id]);
      } catch (error) {
        if (error instanceof PartnerResponseTooLargeError) {
          return { key: 'fileTooLarge', params: { name, limit: `${Math.round(error.limit / 1024 / 1024)} MB` } };
        }
        if (error instanceof NationalPortalError && error.errorCode === 'foreign_link') {
          return { key: 'foreignLink', params: { name } };
        }
        if (error instanceof NationalPortalError || error instanceof PartnerUnreachableError) {
          return { key: 'download', params: { name, detail: error.message } };
        }
        if (error instanceof ValidationError) {
          return {
            key: 'fileType',
            params: { name, component: component.code, accepted: component.fileTypes.join(', ') },
          };
        }
        throw error;
      }
    }
    return [...byComponent].map(([code, fileIds]) => ({ code, fileIds }));
  }

  /**
   * First tries again the packets parked because a file could not be downloaded (the portal may be back), then fetches
   * the dossiers filed since the last poll and takes each in; the position moves only past what is kept.
   */
  async poll(client: NationalPortalClient): Promise<number> {
    await this.retryParked(DOWNLOAD_FAILED);
    let position = await repo.cursor(this.db.kysely, POLL_CURSOR);
    let taken = 0;
    for (;;) {
      const { dossiers, next } = await client.newDossiers(position);
      for (const dossier of dossiers) await this.receive(dossier);
      taken += dossiers.length;
      if (next <= position || dossiers.length === 0) break;
      position = next;
      await repo.saveCursor(this.db.kysely, POLL_CURSOR, position);
    }
    return taken;
  }

  async parked(limit = 200): Promise<ParkedPacket[]> {
    return (await repo.listInbound(this.db.kysely, 'parked', limit)).map((r) => ({
      nationalCode: r.national_code,
      nationalProcedureCode: r.national_procedure_code,
      reason: JSON.parse(r.reason ?? '{"key":"","params":{}}') as ParkReason,
      receivedAt: r.received_at,
      updatedAt: r.updated_at,
    }));
  }

  /**
   * Takes every parked packet in again (after a mapping was added or a procedure published), or only those parked for
   * the reason `onlyReason`.
   */
  async retryParked(onlyReason?: string): Promise<{ created: number; parked: number }> {
    let created = 0;
    let parked = 0;
    for (const row of await repo.listInbound(this.db.kysely, 'parked', 1000)) {
      if (onlyReason && (JSON.parse(row.reason ?? '{}') as Partial<ParkReason>).key !== onlyReason) continue;
      const outcome = await this.receive(JSON.parse(row.packet));
      if (outcome.state === 'parked') parked += 1;
      else created += 1;
    }
    return { created, parked };
  }
}
