/**
 * Demo catalogue for an illustrative Bình Dương (`H08`) province: procedures, components, time limits and fees as
 * published on Vietnamese public service portals, recalled rather than copied, so check them against
 * csdl.dichvucong.gov.vn before any real use.
 *
 * Procedure codes are illustrative. The base codes of the civil-status, attestation and household-business procedures
 * (1.001193, 1.000894, 1.000656, 1.004873, 2.000815, 2.000884, 1.001612) are the national codes as we recall them;
 * the others are plausible stand-ins. Field (lĩnh vực) codes G01… are local short codes. Fees fixed by the provincial
 * People's Council (hộ kinh doanh, xác nhận tình trạng hôn nhân, giấy phép xây dựng, giấy phép lao động) are typical
 * amounts, not Bình Dương's resolution.
 */
import {
  type ColumnField,
  type Component,
  defaultOldLevel,
  type Fee,
  type FieldType,
  type FormField,
  type FormSection,
  type ProcedureCase,
  type ProcedureDefinition,
  type ProcessingTime,
  type WorkflowStep,
} from './catalog.schema.ts';

// ---------------------------------------------------------------------------------------------------------------
// Agencies and fields

type Agency = ProcedureDefinition['agency'];
const province = (id: string): Agency => ({ id, level: 'province' });
const commune = (id: string): Agency => ({ id, level: 'commune' });

const KE_HOACH_DAU_TU = province('000.00.10.H08');
const GIAO_THONG = province('000.00.11.H08');
const TU_PHAP = province('000.00.12.H08');
const XAY_DUNG = province('000.00.13.H08');
const THONG_TIN = province('000.00.14.H08');
const Y_TE = province('000.00.15.H08');
const KHOA_HOC = province('000.00.16.H08');
const KHU_CONG_NGHIEP = province('000.00.17.H08');
const LAO_DONG = province('000.00.18.H08');
const CONG_THUONG = province('000.00.19.H08');
const PHU_THO = commune('000.01.21.H08');
const AN_THANH = commune('000.01.22.H08');

const FIELDS = {
  enterprise: { code: 'G01', name: 'Thành lập và hoạt động của doanh nghiệp' },
  roads: { code: 'G02', name: 'Đường bộ' },
  criminalRecord: { code: 'G03', name: 'Lý lịch tư pháp' },
  lawyers: { code: 'G04', name: 'Luật sư' },
  construction: { code: 'G05', name: 'Hoạt động xây dựng' },
  press: { code: 'G06', name: 'Báo chí' },
  publishing: { code: 'G07', name: 'Xuất bản, In và Phát hành' },
  foodSafety: { code: 'G08', name: 'An toàn thực phẩm và dinh dưỡng' },
  healthcare: { code: 'G09', name: 'Khám bệnh, chữa bệnh' },
  radiation: { code: 'G10', name: 'An toàn bức xạ và hạt nhân' },
  investment: { code: 'G11', name: 'Đầu tư tại Việt Nam' },
  employment: { code: 'G12', name: 'Việc làm' },
  labour: { code: 'G13', name: 'Lao động' },
  domesticTrade: { code: 'G14', name: 'Lưu thông hàng hóa trong nước' },
  civilStatus: { code: 'G15', name: 'Hộ tịch' },
  attestation: { code: 'G16', name: 'Chứng thực' },
  householdBusiness: { code: 'G17', name: 'Thành lập và hoạt động của hộ kinh doanh' },
} as const;

// ---------------------------------------------------------------------------------------------------------------
// Builders

type Label = readonly [vi: string, en: string];
type Condition = { field: string; equals: string | number | boolean };
type Variant<T extends FieldType> = Extract<FormField, { type: T }>;
interface Common {
  required?: boolean;
  hint?: Label;
  when?: Condition;
}

function common(key: string, [vi, en]: Label, { required = false, hint, when }: Common) {
  return {
    key,
    label: { vi, en },
    required,
    ...(hint && { hint: { vi: hint[0], en: hint[1] } }),
    ...(when && { visibleWhen: when }),
  };
}

const required = { required: true } as const;

function text(
  key: string,
  label: Label,
  options: Common & { validation?: Variant<'text' | 'textarea'>['validation']; multiline?: boolean } = {},
): Variant<'text' | 'textarea'> {
  const { validation, multiline } = options;
  return { ...common(key, label, options), type: multiline ? 'textarea' : 'text', ...(validation && { validation }) };
}

function num(key: string, label: Label, options: Common & { validation?: Variant<'number'>['validation'] } = {}) {
  const { validation } = options;
  return { ...common(key, label, options), type: 'number', ...(validation && { validation }) } satisfies FormField;
}

function money(key: string, label: Label, options: Common & { validation?: Variant<'money'>['validation'] } = {}) {
  const { validation } = options;
  return { ...common(key, label, options), type: 'money', ...(validation && { validation }) } satisfies FormField;
}

function date(key: string, label: Label, options: Common & { validation?: Variant<'date'>['validation'] } = {}) {
  const { validation } = options;
  return { ...common(key, label, options), type: 'date', ...(validation && { validation }) } satisfies FormField;
}

function select(key: string, label: Label, options: readonly (readonly [string, string, string])[], o: Common = {}) {
  const choices = options.map(([value, vi, en]) => ({ value, label: { vi, en } }));
  return { ...common(key, label, o), type: 'select', options: choices } satisfies FormField;
}

function plain<T extends 'checkbox' | 'cccd' | 'phone' | 'email' | 'address'>(type: T) {
  return (key: string, label: Label, options: Common = {}) => ({ ...common(key, label, options), type });
}
const checkbox = plain('checkbox');
const cccd = plain('cccd');
const phone = plain('phone');
const email = plain('email');
const address = plain('address');

function table(
  key: string,
  label: Label,
  columns: ColumnField[],
  options: Common & { validation?: Variant<'table'>['validation'] } = {},
) {
  const { validation } = options;
  return {
    ...common(key, label, options),
    type: 'table',
    columns,
    ...(validation && { validation }),
  } satisfies FormField;
}

function section(key: string, [vi, en]: Label, fields: FormField[]): FormSection {
  return { key, title: { vi, en }, fields };
}

const ENTERPRISE_CODE = '\\d{10}(-\\d{3})?';
const INDUSTRY_CODE = '\\d{4}';

/** Người nộp hồ sơ: the fields every e-form starts with. */
function applicant(extra: FormField[] = []): FormSection {
  return section(
    'applicant',
    ['Thông tin người nộp hồ sơ', 'Applicant'],
    [
      text('fullName', ['Họ, chữ đệm và tên', 'Full name'], { ...required, validation: { maxLength: 100 } }),
      date('birthDate', ['Ngày, tháng, năm sinh', 'Date of birth'], { ...required, validation: { min: '1900-01-01' } }),
      cccd('idNumber', ['Số định danh cá nhân', 'Personal identification number'], {
        ...required,
        hint: [
          '12 chữ số in trên thẻ Căn cước / Căn cước công dân',
          'The 12 digits printed on the citizen identity card',
        ],
      }),
      phone('phone', ['Số điện thoại di động', 'Mobile phone number'], required),
      email('email', ['Thư điện tử', 'Email']),
      address('residence', ['Nơi cư trú', 'Place of residence'], required),
      ...extra,
    ],
  );
}

function enterprise(extra: FormField[] = []): FormSection {
  return section(
    'enterprise',
    ['Thông tin doanh nghiệp', 'Enterprise'],
    [
      text('enterpriseName', ['Tên doanh nghiệp', 'Enterprise name'], { ...required, validation: { maxLength: 255 } }),
      text('enterpriseCode', ['Mã số doanh nghiệp', 'Enterprise code'], {
        ...required,
        hint: ['Mã số thuế gồm 10 chữ số', 'The 10-digit tax code'],
        validation: { pattern: ENTERPRISE_CODE },
      }),
      address('headOffice', ['Địa chỉ trụ sở chính', 'Head office address'], required),
      ...extra,
    ],
  );
}

/** How the result comes back, with the declaration the citizen signs last. */
function delivery({ postal, electronic }: { postal: boolean; electronic: boolean }): FormSection {
  const methods: [string, string, string][] = [
    ['counter', 'Nhận trực tiếp tại Bộ phận Một cửa', 'In person at the one-stop unit'],
  ];
  if (postal) methods.push(['postal', 'Nhận qua dịch vụ bưu chính công ích', 'By public postal service']);
  if (electronic) {
    methods.push([
      'electronic',
      'Nhận bản điện tử trên tài khoản dịch vụ công',
      'Electronic copy in my portal account',
    ]);
  }
  return section(
    'delivery',
    ['Nhận kết quả và cam đoan', 'Result and declaration'],
    [
      select('deliveryMethod', ['Hình thức nhận kết quả', 'How to receive the result'], methods, required),
      ...(postal
        ? [
            address('deliveryAddress', ['Địa chỉ nhận kết quả', 'Delivery address'], {
              ...required,
              when: { field: 'deliveryMethod', equals: 'postal' },
            }),
          ]
        : []),
      declaration(),
    ],
  );
}

function declaration() {
  return checkbox(
    'declaration',
    [
      'Tôi xin cam đoan những thông tin kê khai trên là đúng sự thật và chịu trách nhiệm trước pháp luật.',
      'I declare that the information above is true and accept legal responsibility for it.',
    ],
    required,
  );
}

function doc(
  code: string,
  name: string,
  options: Partial<Pick<Component, 'originals' | 'copies' | 'mandatory' | 'fileTypes' | 'template'>> = {},
): Component {
  return { code, name, mandatory: true, originals: 1, copies: 0, fileTypes: ['pdf', 'jpeg', 'png'], ...options };
}
const optional = { mandatory: false } as const;
const copy = { originals: 0, copies: 1 } as const;

type Exemption = readonly [code: string, name: string];
const exemptionsOf = (list: readonly Exemption[]) =>
  list.length ? { exemptions: list.map(([code, name]) => ({ code, name })) } : {};

function fee(code: string, name: string, amount: number, exemptions: readonly Exemption[] = []): Fee {
  return { code, name, amount, kind: 'fixed', ...exemptionsOf(exemptions) };
}

function perUnit(code: string, name: string, amount: number, unitName: string, exemptions: readonly Exemption[] = []) {
  return { code, name, amount, kind: 'perUnit', unitName, ...exemptionsOf(exemptions) } satisfies Fee;
}

const workingDays = (value: number): ProcessingTime => ({ value, unit: 'workingDays' });
const workingHours = (value: number): ProcessingTime => ({ value, unit: 'workingHours' });
const calendarDays = (value: number): ProcessingTime => ({ value, unit: 'calendarDays' });

type Share = WorkflowStep['share'];
const fraction = (value: number): Share => ({ kind: 'fraction', value });
const days = (value: number): Share => ({ kind: 'workingDays', value });

function step(code: string, name: string, role: WorkflowStep['assignee']['role'], share: Share): WorkflowStep {
  return { code, name, assignee: { role }, share };
}

/**
 * Reception at the one-stop unit → appraisal → any extra steps (site inspection…) → approval → collecting the fee at
 * the counter when `collectFee` is given → hand-over.
 */
function workflow(
  [receive, appraise, approve, handOver]: readonly [Share, Share, Share, Share],
  extra: WorkflowStep[] = [],
  collectFee?: Share,
): WorkflowStep[] {
  return [
    step('TIEP_NHAN', 'Tiếp nhận, kiểm tra hồ sơ', 'intake', receive),
    step('THAM_DINH', 'Thẩm định, đề xuất giải quyết', 'processor', appraise),
    ...extra,
    step('PHE_DUYET', 'Phê duyệt, ký kết quả', 'leader', approve),
    ...(collectFee ? [step('THU_PHI', 'Thu phí, lệ phí', 'cashier', collectFee)] : []),
    step('TRA_KET_QUA', 'Trả kết quả', 'intake', handOver),
  ];
}
const STANDARD_SHARES = [fraction(0.1), fraction(0.6), fraction(0.2), fraction(0.1)] as const;
const SAME_DAY_SHARES = [fraction(0.125), fraction(0.5), fraction(0.25), fraction(0.125)] as const;

function procedureCase(value: Omit<ProcedureCase, 'noDueDate'>): ProcedureCase {
  return { ...value, noDueDate: false };
}

function procedure(value: Omit<ProcedureDefinition, 'oldLevel'>): ProcedureDefinition {
  return { ...value, oldLevel: defaultOldLevel(value.onlineMode) };
}

const ALL_CHANNELS: ProcedureDefinition['channels'] = ['in_person', 'online', 'postal'];
const national = (base: string) => `${base}.000.00.00.H08`;

// ---------------------------------------------------------------------------------------------------------------
// Sở Kế hoạch và Đầu tư — Phòng Đăng ký kinh doanh

const ENTERPRISE_LAW = [
  'Luật Doanh nghiệp số 59/2020/QH14 ngày 17/6/2020',
  'Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp',
  'Thông tư số 01/2021/TT-BKHĐT ngày 16/3/2021 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký doanh nghiệp',
  'Thông tư số 47/2019/TT-BTC ngày 05/8/2019 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin doanh nghiệp, lệ phí đăng ký doanh nghiệp',
];
const ENTERPRISE_CONDITIONS =
  'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên doanh nghiệp được đặt đúng quy định tại các Điều 37, 38, 39 và 41 của Luật Doanh nghiệp; có hồ sơ đăng ký doanh nghiệp hợp lệ; nộp đủ lệ phí đăng ký doanh nghiệp theo quy định.';

function enterpriseSteps(outcome: string): string[] {
  return [
    'Doanh nghiệp hoặc người được ủy quyền nộp hồ sơ trên Cổng thông tin quốc gia về đăng ký doanh nghiệp, trực tiếp hoặc qua bưu chính tại Phòng Đăng ký kinh doanh.',
    'Phòng Đăng ký kinh doanh tiếp nhận, kiểm tra tính hợp lệ của hồ sơ; hồ sơ chưa hợp lệ được thông báo bằng văn bản một lần các nội dung cần sửa đổi, bổ sung.',
    `Trong thời hạn 03 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ, Phòng Đăng ký kinh doanh ${outcome}.`,
  ];
}

const registrationFee = () =>
  fee('LE_PHI_DKDN', 'Lệ phí đăng ký doanh nghiệp', 50_000, [['QUA_MANG', 'Đăng ký doanh nghiệp qua mạng điện tử']]);
const publicationFee = () => fee('PHI_CONG_BO', 'Phí công bố nội dung đăng ký doanh nghiệp', 100_000);
const authorisation = () =>
  doc(
    'UY_QUYEN',
    'Văn bản ủy quyền cho người nộp hồ sơ (trường hợp người nộp không phải người đại diện theo pháp luật)',
    {
      ...optional,
    },
  );

function industries(options: Common = required) {
  return table(
    'industries',
    ['Ngành, nghề kinh doanh', 'Business lines'],
    [
      text('industryCode', ['Mã ngành cấp 4', 'Industry code (level 4)'], {
        ...required,
        validation: { pattern: INDUSTRY_CODE },
      }),
      text('industryName', ['Tên ngành', 'Business line'], { ...required, validation: { maxLength: 500 } }),
      checkbox('mainIndustry', ['Ngành chính', 'Main line']),
    ],
    { ...options, validation: { minRows: 1, maxRows: 300 } },
  );
}

const VAT_METHODS = [
  ['khau_tru', 'Phương pháp khấu trừ', 'Credit method'],
  ['truc_tiep_doanh_thu', 'Phương pháp tính trực tiếp trên doanh thu', 'Direct method on revenue'],
  ['truc_tiep_gtgt', 'Phương pháp tính trực tiếp trên giá trị gia tăng', 'Direct method on value added'],
] as const;

function newCompany(capitalLabel: Label, extra: FormField[] = []): FormSection {
  return section(
    'company',
    ['Thông tin doanh nghiệp dự kiến thành lập', 'The enterprise to be founded'],
    [
      text('proposedName', ['Tên doanh nghiệp viết bằng tiếng Việt', 'Enterprise name in Vietnamese'], {
        ...required,
        validation: { maxLength: 255 },
      }),
      text('foreignName', ['Tên doanh nghiệp viết bằng tiếng nước ngoài (nếu có)', 'Name in a foreign language']),
      text('abbreviation', ['Tên doanh nghiệp viết tắt (nếu có)', 'Abbreviated name']),
      address('companyAddress', ['Địa chỉ trụ sở chính', 'Head office address'], required),
      money('capital', capitalLabel, { ...required, validation: { min: 1 } }),
      industries(),
      select('vatMethod', ['Phương pháp tính thuế giá trị gia tăng', 'VAT method'], VAT_METHODS, required),
      num('plannedEmployees', ['Số lao động dự kiến', 'Planned number of employees'], { validation: { min: 0 } }),
      ...extra,
    ],
  );
}

const ENTERPRISE_WORKFLOW = workflow([days(0.5), days(1.5), days(0.5), days(0.5)]);

const enterpriseProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('2.001610'),
    name: 'Đăng ký thành lập doanh nghiệp tư nhân',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['citizen'],
    legalBasis: ENTERPRISE_LAW,
    conditions: ENTERPRISE_CONDITIONS,
    steps: enterpriseSteps('cấp Giấy chứng nhận đăng ký doanh nghiệp'),
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'DNTN',
        name: 'Đăng ký thành lập doanh nghiệp tư nhân',
        processingTime: workingDays(3),
        onlineProcessingTime: workingDays(3),
        components: [
          doc('GIAY_DE_NGHI', 'Giấy đề nghị đăng ký doanh nghiệp tư nhân', { template: 'giay-de-nghi-dk-dntn.docx' }),
          doc('GIAY_TO_CHU_DN', 'Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân', copy),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            newCompany(['Vốn đầu tư của chủ doanh nghiệp tư nhân (đồng)', 'Owner’s investment (đồng)']),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [registrationFee(), publicationFee()],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('2.001599'),
    name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['citizen', 'business'],
    legalBasis: ENTERPRISE_LAW,
    conditions: ENTERPRISE_CONDITIONS,
    steps: enterpriseSteps('cấp Giấy chứng nhận đăng ký doanh nghiệp'),
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'TNHH1TV',
        name: 'Đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên',
        processingTime: workingDays(3),
        components: [
          doc('GIAY_DE_NGHI', 'Giấy đề nghị đăng ký doanh nghiệp', { template: 'giay-de-nghi-dk-tnhh1tv.docx' }),
          doc('DIEU_LE', 'Điều lệ công ty'),
          doc('GIAY_TO_DAI_DIEN', 'Bản sao giấy tờ pháp lý của cá nhân đối với người đại diện theo pháp luật', copy),
          doc(
            'GIAY_TO_CHU_SO_HUU',
            'Bản sao giấy tờ pháp lý của cá nhân (chủ sở hữu là cá nhân) hoặc của tổ chức (chủ sở hữu là tổ chức)',
            copy,
          ),
          doc('VAN_BAN_CU_DAI_DIEN', 'Văn bản cử người đại diện theo ủy quyền (chủ sở hữu là tổ chức)', optional),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'owner',
              ['Chủ sở hữu', 'Owner'],
              [
                select(
                  'ownerType',
                  ['Chủ sở hữu là', 'The owner is'],
                  [
                    ['individual', 'Cá nhân', 'An individual'],
                    ['organisation', 'Tổ chức', 'An organisation'],
                  ],
                  required,
                ),
                text('ownerOrganisation', ['Tên tổ chức chủ sở hữu', 'Owning organisation'], {
                  ...required,
                  when: { field: 'ownerType', equals: 'organisation' },
                }),
                text('ownerEnterpriseCode', ['Mã số doanh nghiệp của tổ chức chủ sở hữu', 'Owner’s enterprise code'], {
                  ...required,
                  when: { field: 'ownerType', equals: 'organisation' },
                  validation: { pattern: ENTERPRISE_CODE },
                }),
              ],
            ),
            newCompany(['Vốn điều lệ (đồng)', 'Charter capital (đồng)']),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [registrationFee(), publicationFee()],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('2.002026'),
    name: 'Đăng ký thay đổi vốn điều lệ, phần vốn góp, tỷ lệ phần vốn góp của công ty trách nhiệm hữu hạn hai thành viên trở lên',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['business'],
    legalBasis: ENTERPRISE_LAW,
    conditions:
      'Trường hợp giảm vốn điều lệ, công ty phải bảo đảm thanh toán đủ các khoản nợ và nghĩa vụ tài sản khác sau khi đã hoàn trả cho thành viên.',
    steps: enterpriseSteps('cấp Giấy chứng nhận đăng ký doanh nghiệp với vốn điều lệ mới'),
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'THAY_DOI_VON',
        name: 'Thay đổi vốn điều lệ của công ty trách nhiệm hữu hạn hai thành viên trở lên',
        processingTime: workingDays(3),
        components: [
          doc('THONG_BAO', 'Thông báo thay đổi nội dung đăng ký doanh nghiệp do người đại diện theo pháp luật ký', {
            template: 'thong-bao-thay-doi-noi-dung-dkdn.docx',
          }),
          doc('NGHI_QUYET', 'Nghị quyết, quyết định của Hội đồng thành viên về việc thay đổi vốn điều lệ'),
          doc('BIEN_BAN', 'Bản sao biên bản họp Hội đồng thành viên về việc thay đổi vốn điều lệ', copy),
          doc('DANH_SACH_THANH_VIEN', 'Danh sách thành viên công ty sau khi thay đổi', {
            fileTypes: ['pdf', 'xlsx'],
          }),
          doc(
            'CHAP_THUAN_GOP_VON',
            'Văn bản của Cơ quan đăng ký đầu tư chấp thuận việc góp vốn của nhà đầu tư nước ngoài (nếu có)',
            { ...copy, ...optional },
          ),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'capital',
              ['Thay đổi vốn điều lệ', 'Change of charter capital'],
              [
                select(
                  'changeKind',
                  ['Nội dung thay đổi', 'Kind of change'],
                  [
                    ['increase', 'Tăng vốn điều lệ', 'Increase'],
                    ['decrease', 'Giảm vốn điều lệ', 'Decrease'],
                  ],
                  required,
                ),
                select(
                  'decreaseMethod',
                  ['Hình thức giảm vốn', 'How the capital decreases'],
                  [
                    ['hoan_tra', 'Hoàn trả một phần vốn góp cho thành viên', 'Part of the contribution is returned'],
                    ['mua_lai', 'Công ty mua lại phần vốn góp của thành viên', 'The company buys back a contribution'],
                    ['chua_gop_du', 'Thành viên không góp đủ, đúng hạn vốn đã cam kết', 'Capital not paid as promised'],
                  ],
                  { ...required, when: { field: 'changeKind', equals: 'decrease' } },
                ),
                money('oldCapital', ['Vốn điều lệ đã đăng ký (đồng)', 'Registered charter capital (đồng)'], required),
                money(
                  'newCapital',
                  ['Vốn điều lệ sau khi thay đổi (đồng)', 'Charter capital after the change (đồng)'],
                  {
                    ...required,
                    validation: { min: 1 },
                  },
                ),
                date('decisionDate', ['Ngày thông qua nghị quyết, quyết định', 'Date of the decision'], required),
                table(
                  'members',
                  ['Danh sách thành viên sau khi thay đổi', 'Members after the change'],
                  [
                    text('memberName', ['Tên thành viên', 'Member'], required),
                    text('memberDocument', ['Số giấy tờ pháp lý', 'Legal document number'], required),
                    money('contribution', ['Phần vốn góp (đồng)', 'Contribution (đồng)'], required),
                    num('ratio', ['Tỷ lệ (%)', 'Share (%)'], { ...required, validation: { min: 0, max: 100 } }),
                  ],
                  { ...required, validation: { minRows: 2, maxRows: 50 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [registrationFee(), publicationFee()],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('2.002032'),
    name: 'Thông báo thay đổi ngành, nghề kinh doanh',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['business'],
    legalBasis: ENTERPRISE_LAW,
    conditions: 'Ngành, nghề bổ sung không thuộc ngành, nghề bị cấm đầu tư kinh doanh.',
    steps: enterpriseSteps('cập nhật ngành, nghề và cấp Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp'),
    result: { name: 'Giấy xác nhận về việc thay đổi nội dung đăng ký doanh nghiệp', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'THAY_DOI_NGANH',
        name: 'Thông báo bổ sung, thay đổi ngành, nghề kinh doanh',
        processingTime: workingDays(3),
        components: [
          doc('THONG_BAO', 'Thông báo thay đổi nội dung đăng ký doanh nghiệp do người đại diện theo pháp luật ký', {
            template: 'thong-bao-thay-doi-noi-dung-dkdn.docx',
          }),
          doc(
            'NGHI_QUYET',
            'Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên, Đại hội đồng cổ đông hoặc Hội đồng quản trị về việc thay đổi ngành, nghề kinh doanh',
          ),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'changes',
              ['Ngành, nghề thay đổi', 'Business lines changed'],
              [
                table(
                  'industryChanges',
                  ['Ngành, nghề bổ sung hoặc rút bớt', 'Lines added or removed'],
                  [
                    select(
                      'action',
                      ['Thay đổi', 'Change'],
                      [
                        ['add', 'Bổ sung', 'Add'],
                        ['remove', 'Rút bớt', 'Remove'],
                        ['amend', 'Sửa đổi chi tiết', 'Amend'],
                      ],
                      required,
                    ),
                    text('industryCode', ['Mã ngành cấp 4', 'Industry code (level 4)'], {
                      ...required,
                      validation: { pattern: INDUSTRY_CODE },
                    }),
                    text('industryName', ['Tên ngành', 'Business line'], required),
                  ],
                  { ...required, validation: { maxRows: 100 } },
                ),
                text(
                  'newMainIndustry',
                  ['Mã ngành chính sau khi thay đổi (nếu thay đổi)', 'New main line, if changed'],
                  {
                    validation: { pattern: INDUSTRY_CODE },
                  },
                ),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [publicationFee()],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('2.001577'),
    name: 'Cấp lại Giấy chứng nhận đăng ký doanh nghiệp',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['business'],
    legalBasis: ENTERPRISE_LAW,
    conditions: 'Giấy chứng nhận đăng ký doanh nghiệp bị mất, cháy, rách, nát hoặc bị tiêu hủy dưới hình thức khác.',
    steps: enterpriseSteps('cấp lại Giấy chứng nhận đăng ký doanh nghiệp'),
    result: { name: 'Giấy chứng nhận đăng ký doanh nghiệp (cấp lại)', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'CAP_LAI_GCN',
        name: 'Cấp lại Giấy chứng nhận đăng ký doanh nghiệp theo đề nghị của doanh nghiệp',
        processingTime: workingDays(3),
        components: [
          doc('GIAY_DE_NGHI', 'Giấy đề nghị cấp lại Giấy chứng nhận đăng ký doanh nghiệp', {
            template: 'giay-de-nghi-cap-lai-gcn-dkdn.docx',
          }),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'reissue',
              ['Lý do cấp lại', 'Reason'],
              [
                select(
                  'reason',
                  ['Lý do đề nghị cấp lại', 'Reason for reissue'],
                  [
                    ['lost', 'Bị mất', 'Lost'],
                    ['damaged', 'Bị cháy, rách, nát', 'Burnt, torn or damaged'],
                    ['other', 'Lý do khác', 'Other'],
                  ],
                  required,
                ),
                text('otherReason', ['Nêu rõ lý do', 'Explain'], {
                  ...required,
                  multiline: true,
                  when: { field: 'reason', equals: 'other' },
                  validation: { maxLength: 1000 },
                }),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [registrationFee()],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('2.002039'),
    name: 'Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo',
    field: FIELDS.enterprise,
    agency: KE_HOACH_DAU_TU,
    applicantTypes: ['business'],
    legalBasis: ENTERPRISE_LAW,
    conditions:
      'Doanh nghiệp thông báo chậm nhất 03 ngày làm việc trước ngày tạm ngừng kinh doanh hoặc tiếp tục kinh doanh; thời hạn tạm ngừng mỗi lần không quá 01 năm.',
    steps: enterpriseSteps('cấp Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh'),
    result: { name: 'Giấy xác nhận về việc doanh nghiệp đăng ký tạm ngừng kinh doanh', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'TAM_NGUNG',
        name: 'Thông báo tạm ngừng hoặc tiếp tục kinh doanh trước thời hạn',
        processingTime: workingDays(3),
        components: [
          doc('THONG_BAO', 'Thông báo về việc tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo', {
            template: 'thong-bao-tam-ngung-kinh-doanh.docx',
          }),
          doc(
            'NGHI_QUYET',
            'Nghị quyết, quyết định của chủ sở hữu, Hội đồng thành viên hoặc Đại hội đồng cổ đông về việc tạm ngừng kinh doanh',
          ),
          authorisation(),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'suspension',
              ['Tạm ngừng kinh doanh', 'Suspension'],
              [
                select(
                  'notice',
                  ['Nội dung thông báo', 'Notice'],
                  [
                    ['suspend', 'Tạm ngừng kinh doanh', 'Suspend business'],
                    ['resume', 'Tiếp tục kinh doanh trước thời hạn', 'Resume before the notified date'],
                  ],
                  required,
                ),
                date('suspendFrom', ['Tạm ngừng từ ngày', 'Suspended from'], {
                  ...required,
                  when: { field: 'notice', equals: 'suspend' },
                }),
                date('suspendUntil', ['Đến ngày', 'Until'], {
                  ...required,
                  when: { field: 'notice', equals: 'suspend' },
                }),
                date('resumeFrom', ['Tiếp tục kinh doanh từ ngày', 'Resumes on'], {
                  ...required,
                  when: { field: 'notice', equals: 'resume' },
                }),
                text('suspensionReason', ['Lý do', 'Reason'], { multiline: true, validation: { maxLength: 1000 } }),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [],
        workflow: ENTERPRISE_WORKFLOW,
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Giao thông Vận tải (driving licences moved to the police on 01/3/2025; kept here as the portals showed them)

const DRIVING_LAW = [
  'Luật Giao thông đường bộ số 23/2008/QH12 ngày 13/11/2008',
  'Thông tư số 12/2017/TT-BGTVT ngày 15/4/2017 của Bộ Giao thông vận tải quy định về đào tạo, sát hạch, cấp giấy phép lái xe cơ giới đường bộ',
  'Thông tư số 37/2023/TT-BTC ngày 07/6/2023 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí sát hạch lái xe; lệ phí cấp bằng, chứng chỉ được hoạt động trên các loại phương tiện và lệ phí đăng ký, cấp biển xe máy chuyên dùng',
];
const LICENCE_CLASSES = [
  ['A1', 'Hạng A1', 'Class A1'],
  ['A2', 'Hạng A2', 'Class A2'],
  ['A3', 'Hạng A3', 'Class A3'],
  ['A4', 'Hạng A4', 'Class A4'],
  ['B1', 'Hạng B1', 'Class B1'],
  ['B2', 'Hạng B2', 'Class B2'],
  ['C', 'Hạng C', 'Class C'],
  ['D', 'Hạng D', 'Class D'],
  ['E', 'Hạng E', 'Class E'],
  ['FC', 'Hạng FC', 'Class FC'],
] as const;
const licenceFee = () => fee('LE_PHI_GPLX', 'Lệ phí cấp giấy phép lái xe', 135_000);
const healthCertificate = () =>
  doc(
    'GIAY_KHAM_SUC_KHOE',
    'Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (không yêu cầu với hạng A1, A2, A3)',
    optional,
  );

function licence(extra: FormField[] = []): FormSection {
  return section(
    'licence',
    ['Giấy phép lái xe hiện có', 'Current driving licence'],
    [
      text('licenceNumber', ['Số giấy phép lái xe', 'Licence number'], {
        ...required,
        validation: { pattern: '\\d{12}' },
        hint: ['12 chữ số in trên giấy phép lái xe', 'The 12 digits printed on the licence'],
      }),
      select('licenceClass', ['Hạng giấy phép lái xe', 'Licence class'], LICENCE_CLASSES, required),
      date('licenceIssuedOn', ['Ngày cấp', 'Date of issue'], required),
      date('licenceExpiresOn', ['Có giá trị đến', 'Valid until']),
      text('licenceIssuer', ['Cơ quan cấp', 'Issued by'], { ...required, validation: { maxLength: 200 } }),
      ...extra,
    ],
  );
}

const DRIVING_WORKFLOW = workflow([days(0.5), days(2.5), days(1.5), days(0.5)]);

const transportProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.002804'),
    name: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
    field: FIELDS.roads,
    agency: GIAO_THONG,
    applicantTypes: ['citizen'],
    legalBasis: DRIVING_LAW,
    conditions: 'Giấy phép lái xe còn thời hạn hoặc quá thời hạn sử dụng dưới 03 tháng; có đủ sức khỏe theo quy định.',
    steps: [
      'Người đề nghị nộp hồ sơ trực tuyến trên Cổng Dịch vụ công hoặc trực tiếp tại Bộ phận Một cửa Sở Giao thông Vận tải; nộp lệ phí.',
      'Sở Giao thông Vận tải kiểm tra hồ sơ, đối chiếu dữ liệu giấy phép lái xe và giấy khám sức khỏe điện tử.',
      'Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Giao thông Vận tải cấp đổi giấy phép lái xe và trả qua bưu chính hoặc tại Bộ phận Một cửa.',
    ],
    result: { name: 'Giấy phép lái xe (vật liệu PET)', electronic: false },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'DOI_GPLX',
        name: 'Đổi giấy phép lái xe do ngành Giao thông vận tải cấp',
        processingTime: workingDays(5),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị đổi giấy phép lái xe (theo mẫu)', { template: 'don-de-nghi-doi-gplx.docx' }),
          healthCertificate(),
          doc('BAN_SAO_GPLX', 'Bản sao giấy phép lái xe đang sử dụng', copy),
        ],
        form: {
          sections: [
            applicant(),
            licence([
              checkbox('hasElectronicHealthCertificate', [
                'Tôi đã khám sức khỏe và có giấy khám sức khỏe điện tử liên thông',
                'I have an electronic health certificate on record',
              ]),
            ]),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [licenceFee()],
        workflow: DRIVING_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('1.002793'),
    name: 'Cấp lại giấy phép lái xe',
    field: FIELDS.roads,
    agency: GIAO_THONG,
    applicantTypes: ['citizen'],
    legalBasis: DRIVING_LAW,
    conditions:
      'Giấy phép lái xe bị mất, còn thời hạn sử dụng hoặc quá thời hạn dưới 03 tháng, có hồ sơ gốc phù hợp và không phát hiện đang bị cơ quan có thẩm quyền thu giữ, xử lý.',
    steps: [
      'Người đề nghị nộp hồ sơ và chụp ảnh trực tiếp tại Bộ phận Một cửa Sở Giao thông Vận tải.',
      'Sở Giao thông Vận tải tra cứu dữ liệu giấy phép lái xe, kiểm tra hồ sơ gốc.',
      'Sau 02 tháng kể từ ngày nhận đủ hồ sơ, nếu không phát hiện giấy phép lái xe đang bị thu giữ, xử lý thì cấp lại giấy phép lái xe trong thời hạn 05 ngày làm việc.',
    ],
    result: { name: 'Giấy phép lái xe (vật liệu PET)', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'CAP_LAI_GPLX_MAT',
        name: 'Cấp lại giấy phép lái xe bị mất',
        processingTime: workingDays(5),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị đổi, cấp lại giấy phép lái xe (theo mẫu)', {
            template: 'don-de-nghi-doi-gplx.docx',
          }),
          healthCertificate(),
          doc('CCCD', 'Bản sao thẻ Căn cước hoặc hộ chiếu còn thời hạn', copy),
        ],
        form: {
          sections: [
            applicant(),
            licence([
              date('lostOn', ['Ngày bị mất', 'Date lost'], required),
              text('lostCircumstances', ['Hoàn cảnh bị mất', 'How it was lost'], {
                multiline: true,
                validation: { maxLength: 1000 },
              }),
            ]),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [licenceFee()],
        workflow: DRIVING_WORKFLOW,
      }),
    ],
  }),
  procedure({
    code: national('1.001777'),
    name: 'Cấp giấy phép xe tập lái',
    field: FIELDS.roads,
    agency: GIAO_THONG,
    applicantTypes: ['business'],
    legalBasis: DRIVING_LAW,
    conditions:
      'Xe thuộc sở hữu của cơ sở đào tạo lái xe, có giấy chứng nhận kiểm định an toàn kỹ thuật và bảo vệ môi trường còn hiệu lực, có hệ thống phanh phụ và biển “TẬP LÁI” theo quy định.',
    steps: [
      'Cơ sở đào tạo lái xe nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Giao thông Vận tải kiểm tra hồ sơ, kiểm tra xe khi cần thiết.',
      'Trong thời hạn 02 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Giao thông Vận tải cấp giấy phép xe tập lái.',
    ],
    result: { name: 'Giấy phép xe tập lái', electronic: false },
    onlineMode: 'partial',
    channels: ['in_person', 'online'],
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'XE_TAP_LAI',
        name: 'Cấp giấy phép xe tập lái',
        processingTime: workingDays(2),
        components: [
          doc('VAN_BAN_DE_NGHI', 'Văn bản đề nghị cấp giấy phép xe tập lái của cơ sở đào tạo'),
          doc('DANH_SACH_XE', 'Danh sách xe đề nghị cấp giấy phép xe tập lái', { fileTypes: ['pdf', 'xlsx'] }),
          doc(
            'DANG_KY_KIEM_DINH',
            'Bản sao giấy chứng nhận đăng ký xe và giấy chứng nhận kiểm định an toàn kỹ thuật và bảo vệ môi trường',
            copy,
          ),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'vehicles',
              ['Xe đề nghị cấp phép', 'Vehicles'],
              [
                table(
                  'trainingVehicles',
                  ['Danh sách xe tập lái', 'Training vehicles'],
                  [
                    text('plateNumber', ['Biển số', 'Plate number'], {
                      ...required,
                      validation: { pattern: '\\d{2}[A-Z]{1,2}-?\\d{3}\\.?\\d{2}' },
                    }),
                    text('make', ['Nhãn hiệu', 'Make'], required),
                    select(
                      'vehicleClass',
                      ['Hạng xe tập lái', 'Class'],
                      [
                        ['B1', 'Hạng B1', 'Class B1'],
                        ['B2', 'Hạng B2', 'Class B2'],
                        ['C', 'Hạng C', 'Class C'],
                        ['D', 'Hạng D', 'Class D'],
                        ['E', 'Hạng E', 'Class E'],
                      ],
                      required,
                    ),
                    date('inspectionValidUntil', ['Kiểm định có hiệu lực đến', 'Inspection valid until'], required),
                  ],
                  { ...required, validation: { maxRows: 100 } },
                ),
              ],
            ),
            delivery({ postal: false, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow([fraction(0.25), fraction(0.5), fraction(0.125), fraction(0.125)]),
      }),
    ],
  }),
  procedure({
    code: national('1.002820'),
    name: 'Cấp giấy phép lái xe quốc tế',
    field: FIELDS.roads,
    agency: GIAO_THONG,
    applicantTypes: ['citizen'],
    legalBasis: [
      ...DRIVING_LAW,
      'Thông tư số 29/2015/TT-BGTVT ngày 06/7/2015 của Bộ Giao thông vận tải quy định về cấp, sử dụng giấy phép lái xe quốc tế',
    ],
    conditions: 'Có giấy phép lái xe do ngành Giao thông vận tải cấp bằng vật liệu PET, còn giá trị sử dụng.',
    steps: [
      'Người đề nghị nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa Sở Giao thông Vận tải; nộp lệ phí.',
      'Sở Giao thông Vận tải kiểm tra hồ sơ và dữ liệu giấy phép lái xe.',
      'Trong thời hạn 05 ngày làm việc, Sở Giao thông Vận tải cấp giấy phép lái xe quốc tế, trả qua bưu chính hoặc tại Bộ phận Một cửa.',
    ],
    result: { name: 'Giấy phép lái xe quốc tế (IDP)', electronic: false },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'GPLX_QUOC_TE',
        name: 'Cấp giấy phép lái xe quốc tế',
        processingTime: workingDays(5),
        components: [
          doc('TO_KHAI', 'Tờ khai đề nghị cấp giấy phép lái xe quốc tế (theo mẫu)', {
            template: 'to-khai-cap-idp.docx',
          }),
          doc('ANH', 'Ảnh chân dung cỡ 3 cm x 4 cm, nền trắng', { fileTypes: ['jpeg', 'png'] }),
          doc('HO_CHIEU', 'Bản sao hộ chiếu còn thời hạn', copy),
        ],
        form: {
          sections: [
            applicant(),
            licence([
              text('passportNumber', ['Số hộ chiếu', 'Passport number'], {
                ...required,
                validation: { pattern: '[A-Z][0-9]{7,8}' },
              }),
            ]),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [licenceFee()],
        workflow: DRIVING_WORKFLOW,
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Tư pháp

const criminalRecordProcedure = procedure({
  code: national('2.000488'),
  name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
  field: FIELDS.criminalRecord,
  agency: TU_PHAP,
  applicantTypes: ['citizen'],
  legalBasis: [
    'Luật Lý lịch tư pháp số 28/2009/QH12 ngày 17/6/2009',
    'Nghị định số 111/2010/NĐ-CP ngày 23/11/2010 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp',
    'Thông tư số 244/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí cung cấp thông tin lý lịch tư pháp',
  ],
  conditions: '',
  steps: [
    'Người yêu cầu nộp Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp trên Cổng Dịch vụ công, ứng dụng VNeID hoặc tại Bộ phận Một cửa Sở Tư pháp; nộp phí.',
    'Sở Tư pháp tra cứu thông tin lý lịch tư pháp, phối hợp với cơ quan Công an và các cơ quan liên quan để xác minh khi cần.',
    'Trong thời hạn không quá 10 ngày kể từ ngày nhận được yêu cầu hợp lệ (15 ngày nếu phải xác minh điều kiện đương nhiên được xóa án tích), Sở Tư pháp cấp Phiếu lý lịch tư pháp.',
  ],
  result: { name: 'Phiếu lý lịch tư pháp (bản giấy hoặc bản điện tử)', electronic: true },
  onlineMode: 'full',
  channels: ALL_CHANNELS,
  paymentAtSubmission: true,
  cases: [
    { code: 'LLTP_THONG_THUONG', name: 'Cấp Phiếu lý lịch tư pháp', reducedFee: false },
    {
      code: 'LLTP_GIAM_PHI',
      name: 'Cấp Phiếu lý lịch tư pháp cho sinh viên, người có công với cách mạng, thân nhân liệt sĩ',
      reducedFee: true,
    },
  ].map(({ code, name, reducedFee }) =>
    procedureCase({
      code,
      name,
      processingTime: calendarDays(10),
      components: [
        doc('TO_KHAI', 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp (theo mẫu)', {
          template: 'to-khai-yeu-cau-cap-phieu-lltp.docx',
        }),
        doc('GIAY_TO_TUY_THAN', 'Bản chụp thẻ Căn cước hoặc hộ chiếu của người được cấp Phiếu', copy),
        doc('UY_QUYEN', 'Văn bản ủy quyền (trường hợp ủy quyền yêu cầu cấp Phiếu số 1)', optional),
        ...(reducedFee
          ? [doc('GIAY_TO_UU_DAI', 'Giấy tờ chứng minh là sinh viên, người có công hoặc thân nhân liệt sĩ', copy)]
          : []),
      ],
      form: {
        sections: [
          applicant([
            text('fatherName', ['Họ và tên cha', 'Father’s full name'], { validation: { maxLength: 100 } }),
            text('motherName', ['Họ và tên mẹ', 'Mother’s full name'], { validation: { maxLength: 100 } }),
            text('spouseName', ['Họ và tên vợ/chồng', 'Spouse’s full name'], { validation: { maxLength: 100 } }),
          ]),
          section(
            'request',
            ['Nội dung yêu cầu', 'Request'],
            [
              select(
                'recordType',
                ['Loại Phiếu yêu cầu cấp', 'Certificate'],
                [
                  ['1', 'Phiếu lý lịch tư pháp số 1', 'Criminal record certificate no. 1'],
                  ['2', 'Phiếu lý lịch tư pháp số 2', 'Criminal record certificate no. 2'],
                ],
                required,
              ),
              text('purpose', ['Mục đích sử dụng Phiếu', 'Purpose'], { ...required, validation: { maxLength: 300 } }),
              num('copies', ['Số lượng Phiếu yêu cầu cấp', 'Number of certificates'], {
                ...required,
                validation: { min: 1, max: 10 },
              }),
              table(
                'residenceHistory',
                ['Quá trình cư trú (từ khi đủ 14 tuổi)', 'Places of residence since the age of 14'],
                [
                  date('from', ['Từ ngày', 'From'], required),
                  date('until', ['Đến ngày', 'Until']),
                  text('place', ['Nơi cư trú', 'Place'], required),
                  text('occupation', ['Nghề nghiệp, nơi làm việc', 'Occupation and workplace']),
                ],
                { ...required, validation: { maxRows: 30 } },
              ),
            ],
          ),
          delivery({ postal: true, electronic: true }),
        ],
      },
      fees: [
        fee(
          'PHI_LLTP',
          'Phí cung cấp thông tin lý lịch tư pháp',
          reducedFee ? 100_000 : 200_000,
          reducedFee
            ? []
            : [
                ['TRE_EM', 'Trẻ em theo quy định của Luật Trẻ em'],
                ['NGUOI_CAO_TUOI', 'Người cao tuổi'],
                ['NGUOI_KHUYET_TAT', 'Người khuyết tật'],
                ['HO_NGHEO', 'Người thuộc hộ nghèo'],
                [
                  'XA_DBKK',
                  'Người cư trú tại xã đặc biệt khó khăn, đồng bào dân tộc thiểu số ở xã có điều kiện kinh tế - xã hội đặc biệt khó khăn',
                ],
              ],
        ),
        perUnit('PHI_PHIEU_THU_3', 'Phí cấp thêm Phiếu lý lịch tư pháp từ Phiếu thứ 3 trở đi', 5_000, 'Phiếu'),
      ],
      workflow: workflow(STANDARD_SHARES),
    }),
  ),
});

const justiceProcedures: ProcedureDefinition[] = [
  criminalRecordProcedure,
  procedure({
    code: national('1.008722'),
    name: 'Đăng ký hành nghề luật sư với tư cách cá nhân',
    field: FIELDS.lawyers,
    agency: TU_PHAP,
    applicantTypes: ['citizen'],
    legalBasis: [
      'Luật Luật sư số 65/2006/QH11, được sửa đổi, bổ sung bởi Luật số 20/2012/QH13',
      'Nghị định số 123/2013/NĐ-CP ngày 14/10/2013 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Luật sư',
    ],
    conditions:
      'Luật sư làm việc theo hợp đồng lao động cho cơ quan, tổ chức không phải là tổ chức hành nghề luật sư và là thành viên của Đoàn Luật sư tỉnh.',
    steps: [
      'Luật sư nộp hồ sơ đăng ký hành nghề tại Bộ phận Một cửa Sở Tư pháp hoặc trực tuyến.',
      'Sở Tư pháp kiểm tra hồ sơ, trường hợp từ chối phải thông báo bằng văn bản và nêu rõ lý do.',
      'Trong thời hạn 07 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở Tư pháp cấp Giấy đăng ký hành nghề luật sư với tư cách cá nhân.',
    ],
    result: { name: 'Giấy đăng ký hành nghề luật sư với tư cách cá nhân', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'LUAT_SU_CA_NHAN',
        name: 'Đăng ký hành nghề luật sư với tư cách cá nhân',
        processingTime: workingDays(7),
        components: [
          doc('GIAY_DE_NGHI', 'Giấy đề nghị đăng ký hành nghề luật sư với tư cách cá nhân (theo mẫu)', {
            template: 'giay-de-nghi-dang-ky-hanh-nghe-ls-ca-nhan.docx',
          }),
          doc('THE_LUAT_SU', 'Bản sao Chứng chỉ hành nghề luật sư và Thẻ luật sư', copy),
          doc('HOP_DONG_LAO_DONG', 'Bản sao hợp đồng lao động ký với cơ quan, tổ chức', copy),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'practice',
              ['Thông tin hành nghề', 'Practice'],
              [
                text('lawyerCardNumber', ['Số Thẻ luật sư', 'Lawyer card number'], required),
                text('barAssociation', ['Đoàn Luật sư', 'Bar association'], required),
                text('employer', ['Cơ quan, tổ chức ký hợp đồng lao động', 'Employer'], required),
                address('employerAddress', ['Địa chỉ cơ quan, tổ chức', 'Employer’s address'], required),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow([days(0.5), days(4), days(2), days(0.5)]),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Xây dựng

const CONSTRUCTION_LAW = [
  'Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung bởi Luật số 62/2020/QH14',
  'Nghị định số 175/2024/NĐ-CP ngày 30/12/2024 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
];
const PERMIT_FEE_RESOLUTION =
  'Nghị quyết của Hội đồng nhân dân tỉnh quy định mức thu lệ phí cấp giấy phép xây dựng trên địa bàn tỉnh';

function building(extra: FormField[] = []): FormSection {
  return section(
    'building',
    ['Thông tin công trình', 'The building'],
    [
      address('siteAddress', ['Địa điểm xây dựng', 'Site address'], required),
      text('landParcel', ['Thửa đất số', 'Land parcel number'], required),
      text('mapSheet', ['Tờ bản đồ số', 'Map sheet number'], required),
      num('plotArea', ['Diện tích lô đất (m²)', 'Plot area (m²)'], { ...required, validation: { min: 1 } }),
      num('footprint', ['Diện tích xây dựng tầng 1 (m²)', 'Ground-floor area (m²)'], {
        ...required,
        validation: { min: 1 },
      }),
      num('floorArea', ['Tổng diện tích sàn (m²)', 'Total floor area (m²)'], { ...required, validation: { min: 1 } }),
      num('floors', ['Số tầng', 'Number of floors'], { ...required, validation: { min: 1, max: 100 } }),
      num('height', ['Chiều cao công trình (m)', 'Height (m)'], { ...required, validation: { min: 1 } }),
      ...extra,
    ],
  );
}

const constructionProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.009974'),
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp I, cấp II (công trình không theo tuyến)',
    field: FIELDS.construction,
    agency: XAY_DUNG,
    applicantTypes: ['business'],
    legalBasis: [...CONSTRUCTION_LAW, PERMIT_FEE_RESOLUTION],
    conditions:
      'Phù hợp với quy hoạch xây dựng, mục đích sử dụng đất; bảo đảm an toàn công trình và công trình lân cận; thiết kế xây dựng đã được thẩm định, phê duyệt theo quy định.',
    steps: [
      'Chủ đầu tư nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Xây dựng kiểm tra hồ sơ, tổ chức thẩm định và kiểm tra thực địa; lấy ý kiến các cơ quan quản lý nhà nước có liên quan khi cần.',
      'Trong thời hạn 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Xây dựng cấp giấy phép xây dựng hoặc trả lời bằng văn bản nêu rõ lý do không cấp.',
    ],
    result: { name: 'Giấy phép xây dựng', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'GPXD_CAP_I_II',
        name: 'Cấp giấy phép xây dựng mới đối với công trình không theo tuyến',
        processingTime: workingDays(20),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', {
            template: 'don-de-nghi-cap-gpxd-cong-trinh.docx',
          }),
          doc(
            'QUYEN_SU_DUNG_DAT',
            'Bản sao giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai',
            copy,
          ),
          doc(
            'THAM_DINH',
            'Bản sao quyết định phê duyệt dự án, văn bản thông báo kết quả thẩm định thiết kế xây dựng của cơ quan chuyên môn',
            copy,
          ),
          doc('BAN_VE', 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, đấu nối hạ tầng)', {
            originals: 2,
          }),
          doc('PCCC', 'Văn bản thẩm duyệt thiết kế về phòng cháy và chữa cháy (nếu có)', { ...copy, ...optional }),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            building([
              text('projectName', ['Tên công trình', 'Project name'], { ...required, validation: { maxLength: 300 } }),
              select(
                'buildingGrade',
                ['Cấp công trình', 'Building grade'],
                [
                  ['I', 'Cấp I', 'Grade I'],
                  ['II', 'Cấp II', 'Grade II'],
                ],
                required,
              ),
              select(
                'buildingKind',
                ['Loại công trình', 'Kind of building'],
                [
                  ['civil', 'Công trình dân dụng', 'Civil'],
                  ['industrial', 'Công trình công nghiệp', 'Industrial'],
                  ['infrastructure', 'Công trình hạ tầng kỹ thuật', 'Technical infrastructure'],
                ],
                required,
              ),
              num('basements', ['Số tầng hầm', 'Basement levels'], { validation: { min: 0, max: 10 } }),
            ]),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('LE_PHI_GPXD', 'Lệ phí cấp giấy phép xây dựng công trình', 150_000)],
        workflow: workflow(
          [days(0.5), days(13.5), days(4), days(1)],
          [step('KIEM_TRA_THUC_DIA', 'Kiểm tra thực địa', 'processor', days(1))],
        ),
      }),
    ],
  }),
  procedure({
    code: national('1.009981'),
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
    field: FIELDS.construction,
    agency: XAY_DUNG,
    applicantTypes: ['citizen'],
    legalBasis: [
      ...CONSTRUCTION_LAW,
      'Thông tư số 38/2022/TT-BTC ngày 24/6/2022 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép hoạt động xây dựng, lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng',
    ],
    conditions:
      'Có trình độ chuyên môn phù hợp, kinh nghiệm tham gia công việc theo hạng đề nghị và đạt yêu cầu sát hạch (trừ trường hợp được miễn sát hạch).',
    steps: [
      'Cá nhân nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa Sở Xây dựng.',
      'Sở Xây dựng kiểm tra hồ sơ, tổ chức sát hạch và xét cấp chứng chỉ.',
      'Trong thời hạn 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Xây dựng cấp chứng chỉ hành nghề.',
    ],
    result: { name: 'Chứng chỉ hành nghề hoạt động xây dựng', electronic: true },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      { code: 'CCHN_CAP_MOI', name: 'Cấp chứng chỉ hành nghề lần đầu, nâng hạng', amount: 300_000 },
      { code: 'CCHN_CAP_LAI', name: 'Cấp lại chứng chỉ hành nghề (hết hạn, bị mất, hư hỏng)', amount: 150_000 },
    ].map(({ code, name, amount }) =>
      procedureCase({
        code,
        name,
        processingTime: workingDays(20),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp chứng chỉ hành nghề hoạt động xây dựng (theo mẫu)', {
            template: 'don-de-nghi-cap-cchn-xay-dung.docx',
          }),
          doc('ANH', 'Ảnh màu cỡ 4 cm x 6 cm, nền trắng, chụp trong thời gian không quá 06 tháng', {
            fileTypes: ['jpeg', 'png'],
          }),
          doc('VAN_BANG', 'Văn bằng do cơ sở đào tạo hợp pháp cấp phù hợp với lĩnh vực đề nghị', copy),
          doc('KINH_NGHIEM', 'Bản kê khai và tài liệu chứng minh kinh nghiệm thực hiện công việc'),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'certificate',
              ['Chứng chỉ đề nghị cấp', 'Certificate requested'],
              [
                select(
                  'practiceField',
                  ['Lĩnh vực hành nghề', 'Field of practice'],
                  [
                    ['khao_sat', 'Khảo sát xây dựng', 'Construction survey'],
                    ['thiet_ke', 'Thiết kế xây dựng công trình', 'Building design'],
                    ['giam_sat', 'Giám sát thi công xây dựng', 'Construction supervision'],
                    ['dinh_gia', 'Định giá xây dựng', 'Construction cost estimation'],
                    ['quan_ly_du_an', 'Quản lý dự án đầu tư xây dựng', 'Project management'],
                  ],
                  required,
                ),
                select(
                  'grade',
                  ['Hạng chứng chỉ', 'Grade'],
                  [
                    ['II', 'Hạng II', 'Grade II'],
                    ['III', 'Hạng III', 'Grade III'],
                  ],
                  required,
                ),
                text('qualification', ['Trình độ chuyên môn', 'Qualification'], required),
                checkbox('examExempt', ['Đề nghị miễn sát hạch', 'Ask for exemption from the examination']),
                text('examExemptReason', ['Căn cứ đề nghị miễn sát hạch', 'Grounds for exemption'], {
                  ...required,
                  multiline: true,
                  when: { field: 'examExempt', equals: true },
                }),
                table(
                  'experience',
                  ['Kinh nghiệm thực hiện công việc', 'Work experience'],
                  [
                    text('projectName', ['Tên công trình, dự án', 'Project'], required),
                    select(
                      'projectGrade',
                      ['Cấp công trình', 'Grade'],
                      [
                        ['I', 'Cấp I', 'Grade I'],
                        ['II', 'Cấp II', 'Grade II'],
                        ['III', 'Cấp III', 'Grade III'],
                      ],
                      required,
                    ),
                    text('role', ['Chức danh, nhiệm vụ', 'Role'], required),
                    date('from', ['Từ ngày', 'From'], required),
                    date('until', ['Đến ngày', 'Until'], required),
                  ],
                  { ...required, validation: { maxRows: 30 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [fee('LE_PHI_CCHN', 'Lệ phí cấp chứng chỉ hành nghề hoạt động xây dựng', amount)],
        workflow: workflow([days(0.5), days(14), days(4.5), days(1)]),
      }),
    ),
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Thông tin và Truyền thông

const informationProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.004441'),
    name: 'Cấp giấy phép xuất bản bản tin (địa phương)',
    field: FIELDS.press,
    agency: THONG_TIN,
    applicantTypes: ['business'],
    legalBasis: [
      'Luật Báo chí số 103/2016/QH13 ngày 05/4/2016',
      'Thông tư số 41/2020/TT-BTTTT ngày 24/12/2020 của Bộ Thông tin và Truyền thông quy định việc cấp giấy phép hoạt động báo in, tạp chí in và báo điện tử, tạp chí điện tử, xuất bản thêm ấn phẩm, thay đổi nội dung ghi trong giấy phép, xuất bản phụ trương, xuất bản bản tin, xuất bản đặc san',
    ],
    conditions:
      'Cơ quan, tổ chức được thành lập hợp pháp, có tư cách pháp nhân; có người chịu trách nhiệm xuất bản bản tin; có địa điểm làm việc và nguồn tài chính bảo đảm việc xuất bản bản tin.',
    steps: [
      'Cơ quan, tổ chức nộp hồ sơ tại Bộ phận Một cửa, qua bưu chính hoặc trực tuyến.',
      'Sở Thông tin và Truyền thông thẩm định hồ sơ, nội dung tôn chỉ, mục đích của bản tin.',
      'Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Thông tin và Truyền thông cấp giấy phép; trường hợp không cấp phải trả lời bằng văn bản, nêu rõ lý do.',
    ],
    result: { name: 'Giấy phép xuất bản bản tin', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'BAN_TIN',
        name: 'Cấp giấy phép xuất bản bản tin',
        processingTime: calendarDays(15),
        components: [
          doc('TO_KHAI', 'Tờ khai đề nghị cấp giấy phép xuất bản bản tin (theo mẫu)', {
            template: 'to-khai-cap-giay-phep-ban-tin.docx',
          }),
          doc('MAU_TRINH_BAY', 'Mẫu trình bày tên gọi và hình thức trình bày trang bìa bản tin'),
          doc('QUYET_DINH_THANH_LAP', 'Bản sao quyết định thành lập hoặc giấy chứng nhận đăng ký của tổ chức', copy),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'bulletin',
              ['Thông tin bản tin', 'The bulletin'],
              [
                text('bulletinName', ['Tên bản tin', 'Bulletin title'], {
                  ...required,
                  validation: { maxLength: 200 },
                }),
                text('bulletinPurpose', ['Mục đích thông tin', 'Purpose'], { ...required, multiline: true }),
                text('readership', ['Đối tượng phục vụ', 'Readership'], required),
                select(
                  'frequency',
                  ['Kỳ hạn xuất bản', 'Frequency'],
                  [
                    ['monthly', 'Hằng tháng', 'Monthly'],
                    ['quarterly', 'Hằng quý', 'Quarterly'],
                    ['half_yearly', '06 tháng một kỳ', 'Twice a year'],
                  ],
                  required,
                ),
                num('pages', ['Số trang', 'Pages'], { ...required, validation: { min: 1, max: 200 } }),
                num('printRun', ['Số lượng in mỗi kỳ', 'Print run'], { ...required, validation: { min: 1 } }),
                select(
                  'language',
                  ['Ngôn ngữ thể hiện', 'Language'],
                  [
                    ['vi', 'Tiếng Việt', 'Vietnamese'],
                    ['vi_en', 'Tiếng Việt và tiếng Anh', 'Vietnamese and English'],
                  ],
                  required,
                ),
                text('responsiblePerson', ['Người chịu trách nhiệm xuất bản', 'Person responsible'], required),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow(STANDARD_SHARES),
      }),
    ],
  }),
  procedure({
    code: national('1.003645'),
    name: 'Cấp giấy phép hoạt động in xuất bản phẩm',
    field: FIELDS.publishing,
    agency: THONG_TIN,
    applicantTypes: ['business'],
    legalBasis: [
      'Luật Xuất bản số 19/2012/QH13 ngày 20/11/2012',
      'Nghị định số 195/2013/NĐ-CP ngày 21/11/2013 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Xuất bản',
    ],
    conditions:
      'Có thiết bị in, mặt bằng sản xuất hợp pháp, người đứng đầu cơ sở in có trình độ và đã qua bồi dưỡng nghiệp vụ quản lý hoạt động in theo quy định.',
    steps: [
      'Cơ sở in nộp hồ sơ tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Thông tin và Truyền thông kiểm tra hồ sơ và kiểm tra thực tế điều kiện hoạt động của cơ sở in.',
      'Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Thông tin và Truyền thông cấp giấy phép.',
    ],
    result: { name: 'Giấy phép hoạt động in xuất bản phẩm', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'GIAY_PHEP_IN',
        name: 'Cấp giấy phép hoạt động in xuất bản phẩm',
        processingTime: workingDays(15),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp giấy phép hoạt động in xuất bản phẩm (theo mẫu)', {
            template: 'don-de-nghi-cap-giay-phep-in.docx',
          }),
          doc('DANG_KY_KINH_DOANH', 'Bản sao giấy chứng nhận đăng ký doanh nghiệp', copy),
          doc('THIET_BI', 'Bản sao giấy tờ chứng minh quyền sở hữu hoặc thuê thiết bị in', copy),
          doc('MAT_BANG', 'Bản sao giấy tờ chứng minh quyền sử dụng mặt bằng sản xuất', copy),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'printing',
              ['Cơ sở in', 'Printing house'],
              [
                address('printingAddress', ['Địa chỉ cơ sở in', 'Printing house address'], required),
                table(
                  'printingEquipment',
                  ['Thiết bị in chính', 'Main printing equipment'],
                  [
                    text('equipmentName', ['Tên thiết bị', 'Equipment'], required),
                    text('model', ['Ký hiệu, model', 'Model'], required),
                    num('year', ['Năm sản xuất', 'Year built'], { validation: { min: 1950, max: 2100 } }),
                    num('quantity', ['Số lượng', 'Quantity'], { ...required, validation: { min: 1 } }),
                  ],
                  { ...required, validation: { maxRows: 50 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow(
          [days(0.5), days(8), days(3), days(0.5)],
          [step('KIEM_TRA_THUC_TE', 'Kiểm tra thực tế cơ sở in', 'processor', days(3))],
        ),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Y tế

const CATERING_FEES = [
  { code: 'DUOI_200_SUAT', name: 'Cơ sở kinh doanh dịch vụ ăn uống phục vụ dưới 200 suất ăn', amount: 700_000 },
  { code: 'TU_200_SUAT', name: 'Cơ sở kinh doanh dịch vụ ăn uống phục vụ từ 200 suất ăn trở lên', amount: 1_000_000 },
];

const healthProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.001740'),
    name: 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống',
    field: FIELDS.foodSafety,
    agency: Y_TE,
    applicantTypes: ['citizen', 'business'],
    legalBasis: [
      'Luật An toàn thực phẩm số 55/2010/QH12 ngày 17/6/2010',
      'Nghị định số 15/2018/NĐ-CP ngày 02/02/2018 của Chính phủ quy định chi tiết thi hành một số điều của Luật An toàn thực phẩm',
      'Nghị định số 155/2018/NĐ-CP ngày 12/11/2018 của Chính phủ sửa đổi, bổ sung một số quy định liên quan đến điều kiện đầu tư kinh doanh thuộc phạm vi quản lý nhà nước của Bộ Y tế',
      'Thông tư số 67/2021/TT-BTC ngày 05/8/2021 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong công tác an toàn thực phẩm',
    ],
    conditions:
      'Cơ sở bảo đảm điều kiện về cơ sở vật chất, trang thiết bị, dụng cụ và con người theo quy định; chủ cơ sở và người trực tiếp chế biến đã được xác nhận kiến thức về an toàn thực phẩm và đủ sức khỏe theo quy định.',
    steps: [
      'Cơ sở nộp hồ sơ và phí thẩm định tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Y tế thẩm định hồ sơ; nếu hợp lệ, thành lập đoàn thẩm định thực tế tại cơ sở.',
      'Trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Y tế cấp Giấy chứng nhận nếu cơ sở đạt yêu cầu; trường hợp không đạt phải thông báo bằng văn bản.',
    ],
    result: { name: 'Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: CATERING_FEES.map(({ code, name, amount }) =>
      procedureCase({
        code,
        name,
        processingTime: workingDays(20),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm (theo mẫu)', {
            template: 'don-de-nghi-cap-gcn-attp.docx',
          }),
          doc(
            'THUYET_MINH',
            'Bản thuyết minh về cơ sở vật chất, trang thiết bị, dụng cụ bảo đảm điều kiện vệ sinh an toàn thực phẩm',
          ),
          doc(
            'KIEN_THUC_ATTP',
            'Giấy xác nhận đã được tập huấn kiến thức về an toàn thực phẩm của chủ cơ sở và người trực tiếp chế biến',
            copy,
          ),
          doc(
            'SUC_KHOE',
            'Giấy xác nhận đủ sức khỏe của chủ cơ sở và người trực tiếp chế biến do cơ sở y tế cấp huyện trở lên cấp',
            copy,
          ),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'establishment',
              ['Thông tin cơ sở', 'The establishment'],
              [
                text('establishmentName', ['Tên cơ sở', 'Establishment name'], required),
                address('establishmentAddress', ['Địa chỉ cơ sở', 'Address of the establishment'], required),
                text(
                  'businessRegistration',
                  ['Số giấy chứng nhận đăng ký kinh doanh', 'Business registration number'],
                  {
                    ...required,
                  },
                ),
                select(
                  'establishmentKind',
                  ['Loại hình', 'Kind of establishment'],
                  [
                    ['nha_hang', 'Nhà hàng ăn uống', 'Restaurant'],
                    ['bep_an_tap_the', 'Bếp ăn tập thể', 'Canteen kitchen'],
                    ['suat_an_san', 'Cơ sở chế biến suất ăn sẵn', 'Ready-meal caterer'],
                    ['cang_tin', 'Căng tin kinh doanh ăn uống', 'Cafeteria'],
                  ],
                  required,
                ),
                num('mealsPerDay', ['Số suất ăn phục vụ mỗi ngày', 'Meals served per day'], {
                  ...required,
                  validation: { min: 1 },
                }),
                num('kitchenArea', ['Diện tích khu chế biến (m²)', 'Kitchen area (m²)'], {
                  ...required,
                  validation: { min: 1 },
                }),
                table(
                  'foodHandlers',
                  ['Chủ cơ sở và người trực tiếp chế biến', 'Owner and food handlers'],
                  [
                    text('handlerName', ['Họ và tên', 'Full name'], required),
                    text('position', ['Vị trí công việc', 'Position'], required),
                    date('healthCheckDate', ['Ngày khám sức khỏe', 'Health check date'], required),
                    checkbox('trained', ['Đã xác nhận kiến thức ATTP', 'Food-safety training confirmed']),
                  ],
                  { ...required, validation: { maxRows: 200 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('PHI_THAM_DINH', 'Phí thẩm định cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm', amount)],
        workflow: workflow(
          [days(0.5), days(5), days(3), days(0.5)],
          [step('THAM_DINH_THUC_TE', 'Thẩm định thực tế tại cơ sở', 'processor', days(10))],
        ),
      }),
    ),
  }),
  procedure({
    code: national('1.012257'),
    name: 'Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh đối với chức danh bác sĩ, y sĩ, điều dưỡng, hộ sinh, kỹ thuật y',
    field: FIELDS.healthcare,
    agency: Y_TE,
    applicantTypes: ['citizen'],
    legalBasis: [
      'Luật Khám bệnh, chữa bệnh số 15/2023/QH15 ngày 09/01/2023',
      'Nghị định số 96/2023/NĐ-CP ngày 30/12/2023 của Chính phủ quy định chi tiết một số điều của Luật Khám bệnh, chữa bệnh',
      'Thông tư số 278/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí trong lĩnh vực y tế (được sửa đổi, bổ sung bởi Thông tư số 59/2023/TT-BTC)',
    ],
    conditions:
      'Có văn bằng phù hợp với chức danh đề nghị cấp, đã hoàn thành thời gian thực hành và đạt kỳ kiểm tra đánh giá năng lực hành nghề theo lộ trình quy định; không thuộc trường hợp bị cấm hành nghề.',
    steps: [
      'Người đề nghị nộp hồ sơ và phí thẩm định trực tuyến hoặc tại Bộ phận Một cửa Sở Y tế.',
      'Sở Y tế thẩm định hồ sơ; trường hợp cần bổ sung, thông báo một lần bằng văn bản.',
      'Trong thời hạn 30 ngày kể từ ngày nhận đủ hồ sơ, Sở Y tế cấp giấy phép hành nghề; trường hợp không cấp phải trả lời bằng văn bản, nêu rõ lý do.',
    ],
    result: { name: 'Giấy phép hành nghề khám bệnh, chữa bệnh', electronic: true },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'GPHN_CAP_MOI',
        name: 'Cấp mới giấy phép hành nghề',
        processingTime: calendarDays(30),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp mới giấy phép hành nghề (theo mẫu)', {
            template: 'don-de-nghi-cap-giay-phep-hanh-nghe-kcb.docx',
          }),
          doc('VAN_BANG', 'Bản sao văn bằng chuyên môn phù hợp với chức danh đề nghị cấp', copy),
          doc('THUC_HANH', 'Giấy xác nhận hoàn thành quá trình thực hành khám bệnh, chữa bệnh'),
          doc('SUC_KHOE', 'Giấy chứng nhận đủ sức khỏe để hành nghề khám bệnh, chữa bệnh'),
          doc('ANH', 'Ảnh chân dung nền trắng cỡ 4 cm x 6 cm', { fileTypes: ['jpeg', 'png'] }),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'licence',
              ['Giấy phép đề nghị cấp', 'Licence requested'],
              [
                select(
                  'profession',
                  ['Chức danh chuyên môn', 'Profession'],
                  [
                    ['bac_si', 'Bác sĩ', 'Physician'],
                    ['y_si', 'Y sĩ', 'Assistant physician'],
                    ['dieu_duong', 'Điều dưỡng', 'Nurse'],
                    ['ho_sinh', 'Hộ sinh', 'Midwife'],
                    ['ky_thuat_y', 'Kỹ thuật y', 'Medical technologist'],
                  ],
                  required,
                ),
                text('scope', ['Phạm vi hành nghề đề nghị', 'Scope of practice'], { ...required, multiline: true }),
                text('practiceFacility', ['Cơ sở xác nhận thực hành', 'Facility confirming the practice period'], {
                  ...required,
                }),
                table(
                  'diplomas',
                  ['Văn bằng chuyên môn', 'Professional diplomas'],
                  [
                    text('diplomaName', ['Tên văn bằng', 'Diploma'], required),
                    text('school', ['Cơ sở đào tạo', 'School'], required),
                    num('graduationYear', ['Năm tốt nghiệp', 'Year of graduation'], {
                      ...required,
                      validation: { min: 1950, max: 2100 },
                    }),
                  ],
                  { ...required, validation: { maxRows: 10 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [fee('PHI_THAM_DINH', 'Phí thẩm định cấp giấy phép hành nghề khám bệnh, chữa bệnh', 360_000)],
        workflow: workflow(STANDARD_SHARES),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Khoa học và Công nghệ

const scienceProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.000921'),
    name: 'Cấp giấy phép tiến hành công việc bức xạ – sử dụng thiết bị X-quang chẩn đoán trong y tế',
    field: FIELDS.radiation,
    agency: KHOA_HOC,
    applicantTypes: ['business'],
    legalBasis: [
      'Luật Năng lượng nguyên tử số 18/2008/QH12 ngày 03/6/2008',
      'Nghị định số 142/2020/NĐ-CP ngày 09/12/2020 của Chính phủ quy định về việc tiến hành công việc bức xạ và hoạt động dịch vụ hỗ trợ ứng dụng năng lượng nguyên tử',
      'Thông tư số 287/2016/TT-BTC ngày 15/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định điều kiện hoạt động trong lĩnh vực năng lượng nguyên tử',
    ],
    conditions:
      'Thiết bị đã được kiểm định; có người phụ trách an toàn bức xạ có chứng chỉ; nhân viên bức xạ được đào tạo và theo dõi liều chiếu xạ cá nhân; phòng đặt thiết bị bảo đảm che chắn theo quy chuẩn.',
    steps: [
      'Cơ sở nộp hồ sơ và phí thẩm định trực tuyến hoặc tại Bộ phận Một cửa Sở Khoa học và Công nghệ.',
      'Sở Khoa học và Công nghệ thẩm định hồ sơ, kiểm tra thực tế khi cần.',
      'Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Khoa học và Công nghệ cấp giấy phép.',
    ],
    result: { name: 'Giấy phép tiến hành công việc bức xạ', electronic: true },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'X_QUANG_Y_TE',
        name: 'Cấp giấy phép sử dụng thiết bị X-quang chẩn đoán trong y tế',
        processingTime: workingDays(15),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp giấy phép tiến hành công việc bức xạ (theo mẫu)', {
            template: 'don-de-nghi-cap-giay-phep-buc-xa.docx',
          }),
          doc('BAO_CAO_DANH_GIA', 'Báo cáo đánh giá an toàn bức xạ đối với cơ sở X-quang chẩn đoán y tế'),
          doc('KIEM_DINH', 'Bản sao chứng chỉ kiểm định thiết bị X-quang còn hiệu lực', copy),
          doc('CHUNG_CHI_ATBX', 'Bản sao chứng chỉ nhân viên bức xạ của người phụ trách an toàn', copy),
          doc('DO_LIEU', 'Phiếu kết quả đo liều chiếu xạ cá nhân của nhân viên bức xạ trong năm trước', copy),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'equipment',
              ['Thiết bị X-quang', 'X-ray equipment'],
              [
                text('radiationOfficer', ['Người phụ trách an toàn bức xạ', 'Radiation safety officer'], required),
                text('officerCertificate', ['Số chứng chỉ nhân viên bức xạ', 'Certificate number'], required),
                table(
                  'xrayUnits',
                  ['Danh sách thiết bị', 'Equipment'],
                  [
                    text('unitName', ['Tên thiết bị', 'Equipment'], required),
                    text('model', ['Model', 'Model'], required),
                    text('serialNumber', ['Số sê-ri', 'Serial number'], required),
                    text('manufacturer', ['Hãng, nước sản xuất', 'Manufacturer'], required),
                    num('yearBuilt', ['Năm sản xuất', 'Year built'], { validation: { min: 1950, max: 2100 } }),
                  ],
                  { ...required, validation: { maxRows: 50 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [
          perUnit(
            'PHI_THAM_DINH',
            'Phí thẩm định cấp giấy phép sử dụng thiết bị X-quang chẩn đoán trong y tế',
            2_000_000,
            'thiết bị',
          ),
        ],
        workflow: workflow([days(0.5), days(9.5), days(4), days(1)]),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Ban Quản lý các Khu công nghiệp

const INVESTMENT_LAW = [
  'Luật Đầu tư số 61/2020/QH14 ngày 17/6/2020',
  'Nghị định số 31/2021/NĐ-CP ngày 26/3/2021 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Luật Đầu tư',
  'Thông tư số 03/2021/TT-BKHĐT ngày 09/4/2021 của Bộ Kế hoạch và Đầu tư quy định mẫu văn bản, báo cáo liên quan đến hoạt động đầu tư tại Việt Nam',
];
const INDUSTRIAL_PARKS = [
  ['vsip_1', 'Khu công nghiệp Việt Nam – Singapore (VSIP I)', 'VSIP I'],
  ['vsip_2', 'Khu công nghiệp Việt Nam – Singapore II (VSIP II)', 'VSIP II'],
  ['my_phuoc_3', 'Khu công nghiệp Mỹ Phước 3', 'My Phuoc 3'],
  ['bau_bang', 'Khu công nghiệp Bàu Bàng', 'Bau Bang'],
  ['song_than_2', 'Khu công nghiệp Sóng Thần 2', 'Song Than 2'],
  ['dong_an', 'Khu công nghiệp Đồng An', 'Dong An'],
] as const;

const investmentProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('2.001955'),
    name: 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư',
    field: FIELDS.investment,
    agency: KHU_CONG_NGHIEP,
    applicantTypes: ['business'],
    legalBasis: INVESTMENT_LAW,
    conditions:
      'Dự án không thuộc ngành, nghề cấm đầu tư kinh doanh; có địa điểm thực hiện trong khu công nghiệp; phù hợp với quy hoạch; đáp ứng điều kiện tiếp cận thị trường đối với nhà đầu tư nước ngoài.',
    steps: [
      'Nhà đầu tư kê khai trực tuyến trên Hệ thống thông tin quốc gia về đầu tư và nộp hồ sơ tại Ban Quản lý.',
      'Ban Quản lý kiểm tra hồ sơ, lấy ý kiến các cơ quan liên quan khi cần.',
      'Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ, Ban Quản lý cấp Giấy chứng nhận đăng ký đầu tư.',
    ],
    result: { name: 'Giấy chứng nhận đăng ký đầu tư', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'CAP_GCNDKDT',
        name: 'Cấp Giấy chứng nhận đăng ký đầu tư cho dự án trong khu công nghiệp',
        processingTime: workingDays(15),
        components: [
          doc('VAN_BAN_DE_NGHI', 'Văn bản đề nghị thực hiện dự án đầu tư', {
            template: 'van-ban-de-nghi-thuc-hien-du-an.docx',
          }),
          doc('TU_CACH_PHAP_LY', 'Bản sao tài liệu về tư cách pháp lý của nhà đầu tư', copy),
          doc('NANG_LUC_TAI_CHINH', 'Tài liệu chứng minh năng lực tài chính của nhà đầu tư', copy),
          doc('DE_XUAT_DU_AN', 'Đề xuất dự án đầu tư'),
          doc('THUE_DAT', 'Bản sao thỏa thuận thuê lại đất trong khu công nghiệp', copy),
          doc('CONG_NGHE', 'Giải trình về sử dụng công nghệ (dự án sử dụng công nghệ hạn chế chuyển giao)', optional),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'investors',
              ['Nhà đầu tư', 'Investors'],
              [
                table(
                  'investorList',
                  ['Danh sách nhà đầu tư', 'Investors'],
                  [
                    text('investorName', ['Tên nhà đầu tư', 'Investor'], required),
                    text('nationality', ['Quốc tịch', 'Nationality'], required),
                    text('investorDocument', ['Số giấy tờ pháp lý', 'Legal document number'], required),
                    num('capitalShare', ['Tỷ lệ góp vốn (%)', 'Share of capital (%)'], {
                      ...required,
                      validation: { min: 0, max: 100 },
                    }),
                  ],
                  { ...required, validation: { maxRows: 20 } },
                ),
              ],
            ),
            section(
              'project',
              ['Dự án đầu tư', 'The project'],
              [
                text('projectName', ['Tên dự án', 'Project name'], { ...required, validation: { maxLength: 300 } }),
                select('industrialPark', ['Khu công nghiệp', 'Industrial park'], INDUSTRIAL_PARKS, required),
                text('objectives', ['Mục tiêu dự án', 'Objectives'], { ...required, multiline: true }),
                num('landArea', ['Diện tích đất sử dụng (m²)', 'Land area (m²)'], {
                  ...required,
                  validation: { min: 1 },
                }),
                money('totalCapital', ['Tổng vốn đầu tư (đồng)', 'Total investment (đồng)'], {
                  ...required,
                  validation: { min: 1 },
                }),
                date('operationDate', ['Dự kiến đưa vào hoạt động', 'Planned start of operation'], required),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow([days(0.5), days(10), days(4), days(0.5)]),
      }),
    ],
  }),
  procedure({
    code: national('2.001947'),
    name: 'Điều chỉnh Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư',
    field: FIELDS.investment,
    agency: KHU_CONG_NGHIEP,
    applicantTypes: ['business'],
    legalBasis: INVESTMENT_LAW,
    conditions:
      'Dự án đã được cấp Giấy chứng nhận đăng ký đầu tư và nội dung điều chỉnh không làm dự án thuộc diện chấp thuận chủ trương đầu tư.',
    steps: [
      'Nhà đầu tư nộp hồ sơ đề nghị điều chỉnh tại Ban Quản lý hoặc trực tuyến.',
      'Ban Quản lý kiểm tra hồ sơ và nội dung điều chỉnh.',
      'Trong thời hạn 10 ngày kể từ ngày nhận đủ hồ sơ, Ban Quản lý điều chỉnh Giấy chứng nhận đăng ký đầu tư.',
    ],
    result: { name: 'Giấy chứng nhận đăng ký đầu tư (điều chỉnh)', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'DIEU_CHINH_GCNDKDT',
        name: 'Điều chỉnh Giấy chứng nhận đăng ký đầu tư',
        processingTime: workingDays(10),
        components: [
          doc('VAN_BAN_DE_NGHI', 'Văn bản đề nghị điều chỉnh dự án đầu tư'),
          doc('BAO_CAO', 'Báo cáo tình hình triển khai dự án đầu tư đến thời điểm điều chỉnh'),
          doc('QUYET_DINH', 'Quyết định của nhà đầu tư về việc điều chỉnh dự án đầu tư'),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'adjustment',
              ['Nội dung điều chỉnh', 'Adjustment'],
              [
                text('certificateNumber', ['Mã số dự án', 'Project code'], {
                  ...required,
                  validation: { pattern: '\\d{10}' },
                }),
                select(
                  'adjustmentKind',
                  ['Nội dung điều chỉnh', 'What changes'],
                  [
                    ['capital', 'Vốn đầu tư', 'Investment capital'],
                    ['schedule', 'Tiến độ thực hiện dự án', 'Schedule'],
                    ['objectives', 'Mục tiêu, quy mô dự án', 'Objectives and scale'],
                    ['investor', 'Nhà đầu tư', 'Investor'],
                  ],
                  required,
                ),
                money('newCapital', ['Tổng vốn đầu tư sau điều chỉnh (đồng)', 'Investment after the change (đồng)'], {
                  ...required,
                  when: { field: 'adjustmentKind', equals: 'capital' },
                }),
                date('newOperationDate', ['Thời điểm hoạt động sau điều chỉnh', 'New start of operation'], {
                  ...required,
                  when: { field: 'adjustmentKind', equals: 'schedule' },
                }),
                text('adjustmentReason', ['Lý do điều chỉnh', 'Reason'], { ...required, multiline: true }),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [],
        workflow: workflow([days(0.5), days(6.5), days(2.5), days(0.5)]),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Lao động – Thương binh và Xã hội

const labourProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.000105'),
    name: 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam',
    field: FIELDS.employment,
    agency: LAO_DONG,
    applicantTypes: ['business'],
    legalBasis: [
      'Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019',
      'Nghị định số 152/2020/NĐ-CP ngày 30/12/2020 của Chính phủ quy định về người lao động nước ngoài làm việc tại Việt Nam và tuyển dụng, quản lý người lao động Việt Nam làm việc cho tổ chức, cá nhân nước ngoài tại Việt Nam',
      'Nghị định số 70/2023/NĐ-CP ngày 18/9/2023 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số 152/2020/NĐ-CP',
    ],
    conditions:
      'Người lao động đủ 18 tuổi, có năng lực hành vi dân sự đầy đủ, có trình độ chuyên môn, kinh nghiệm phù hợp, đủ sức khỏe; người sử dụng lao động đã được chấp thuận nhu cầu sử dụng người lao động nước ngoài.',
    steps: [
      'Người sử dụng lao động nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa chậm nhất 15 ngày trước ngày người lao động nước ngoài dự kiến bắt đầu làm việc.',
      'Sở Lao động – Thương binh và Xã hội kiểm tra hồ sơ.',
      'Trong thời hạn 05 ngày làm việc kể từ ngày nhận đủ hồ sơ, Sở cấp giấy phép lao động; trường hợp không cấp phải trả lời bằng văn bản, nêu rõ lý do.',
    ],
    result: { name: 'Giấy phép lao động', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'GPLD_CAP_MOI',
        name: 'Cấp mới giấy phép lao động',
        processingTime: workingDays(5),
        components: [
          doc('VAN_BAN_DE_NGHI', 'Văn bản đề nghị cấp giấy phép lao động của người sử dụng lao động (theo mẫu)', {
            template: 'van-ban-de-nghi-cap-gpld.docx',
          }),
          doc('SUC_KHOE', 'Giấy chứng nhận sức khỏe có giá trị trong 12 tháng'),
          doc('LY_LICH_TU_PHAP', 'Phiếu lý lịch tư pháp hoặc văn bản xác nhận không phải là người phạm tội', {
            ...copy,
          }),
          doc(
            'CHUNG_MINH_VI_TRI',
            'Văn bản chứng minh là nhà quản lý, giám đốc điều hành, chuyên gia hoặc lao động kỹ thuật',
            copy,
          ),
          doc('ANH', '02 ảnh màu cỡ 4 cm x 6 cm, phông nền trắng', { fileTypes: ['jpeg', 'png'] }),
          doc('HO_CHIEU', 'Bản sao hộ chiếu còn giá trị', copy),
          doc('CHAP_THUAN_NHU_CAU', 'Văn bản chấp thuận nhu cầu sử dụng người lao động nước ngoài', copy),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'worker',
              ['Người lao động nước ngoài', 'Foreign worker'],
              [
                text('workerName', ['Họ và tên (theo hộ chiếu)', 'Full name (as in the passport)'], required),
                text('workerNationality', ['Quốc tịch', 'Nationality'], required),
                date('workerBirthDate', ['Ngày sinh', 'Date of birth'], required),
                text('passportNumber', ['Số hộ chiếu', 'Passport number'], {
                  ...required,
                  validation: { pattern: '[A-Z0-9]{6,12}' },
                }),
                select(
                  'jobPosition',
                  ['Vị trí công việc', 'Position'],
                  [
                    ['manager', 'Nhà quản lý', 'Manager'],
                    ['executive', 'Giám đốc điều hành', 'Executive director'],
                    ['expert', 'Chuyên gia', 'Expert'],
                    ['technician', 'Lao động kỹ thuật', 'Technical worker'],
                  ],
                  required,
                ),
                date('workFrom', ['Làm việc từ ngày', 'Works from'], required),
                date('workUntil', ['Đến ngày', 'Until'], required),
                address('workplace', ['Địa điểm làm việc', 'Workplace'], required),
              ],
            ),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('LE_PHI_GPLD', 'Lệ phí cấp giấy phép lao động', 600_000)],
        workflow: workflow([days(0.5), days(3), days(1), days(0.5)]),
      }),
    ],
  }),
  procedure({
    code: national('1.000432'),
    name: 'Đăng ký nội quy lao động của doanh nghiệp',
    field: FIELDS.labour,
    agency: LAO_DONG,
    applicantTypes: ['business'],
    legalBasis: [
      'Bộ luật Lao động số 45/2019/QH14 ngày 20/11/2019',
      'Nghị định số 145/2020/NĐ-CP ngày 14/12/2020 của Chính phủ quy định chi tiết và hướng dẫn thi hành một số điều của Bộ luật Lao động về điều kiện lao động và quan hệ lao động',
    ],
    conditions: 'Người sử dụng lao động sử dụng từ 10 người lao động trở lên.',
    steps: [
      'Trong thời hạn 10 ngày kể từ ngày ban hành nội quy lao động, người sử dụng lao động nộp hồ sơ đăng ký trực tuyến hoặc tại Bộ phận Một cửa.',
      'Sở Lao động – Thương binh và Xã hội xem xét nội quy lao động.',
      'Trong thời hạn 07 ngày làm việc, nếu nội quy có nội dung trái pháp luật, Sở thông báo, hướng dẫn sửa đổi, bổ sung và đăng ký lại; nếu không, nội quy có hiệu lực sau 15 ngày kể từ ngày nhận hồ sơ.',
    ],
    result: { name: 'Thông báo về việc đăng ký nội quy lao động', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'NOI_QUY_LAO_DONG',
        name: 'Đăng ký nội quy lao động',
        processingTime: workingDays(7),
        components: [
          doc('VAN_BAN_DE_NGHI', 'Văn bản đề nghị đăng ký nội quy lao động'),
          doc('NOI_QUY', 'Nội quy lao động', { fileTypes: ['pdf', 'docx'] }),
          doc('Y_KIEN_CONG_DOAN', 'Văn bản góp ý của tổ chức đại diện người lao động tại cơ sở (nơi có tổ chức này)', {
            ...optional,
          }),
          doc('VAN_BAN_KY_LUAT', 'Các văn bản quy định về kỷ luật lao động, trách nhiệm vật chất (nếu có)', optional),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            section(
              'rules',
              ['Nội quy lao động', 'Work rules'],
              [
                date('issuedOn', ['Ngày ban hành nội quy', 'Date issued'], required),
                num('employees', ['Số người lao động', 'Number of employees'], {
                  ...required,
                  validation: { min: 10 },
                }),
                checkbox('hasUnion', [
                  'Có tổ chức đại diện người lao động tại cơ sở',
                  'There is an employee organisation',
                ]),
                text('unionName', ['Tên tổ chức đại diện người lao động', 'Name of the employee organisation'], {
                  ...required,
                  when: { field: 'hasUnion', equals: true },
                }),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [],
        workflow: workflow([days(0.5), days(4.5), days(1.5), days(0.5)]),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Sở Công Thương

const ALCOHOL_LAW = [
  'Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14 ngày 14/6/2019',
  'Nghị định số 105/2017/NĐ-CP ngày 14/9/2017 của Chính phủ về kinh doanh rượu',
  'Nghị định số 17/2020/NĐ-CP ngày 05/02/2020 của Chính phủ sửa đổi, bổ sung một số điều của các Nghị định liên quan đến điều kiện đầu tư kinh doanh thuộc lĩnh vực quản lý nhà nước của Bộ Công Thương',
  'Thông tư số 168/2016/TT-BTC ngày 26/10/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định kinh doanh hàng hóa, dịch vụ hạn chế kinh doanh; hàng hóa, dịch vụ kinh doanh có điều kiện thuộc lĩnh vực thương mại',
];

function alcoholTrader(suppliersLabel: Label): FormSection {
  return section(
    'trade',
    ['Địa điểm và nguồn rượu', 'Premises and suppliers'],
    [
      address('premises', ['Địa điểm kinh doanh', 'Business premises'], required),
      num('premisesArea', ['Diện tích kho, điểm kinh doanh (m²)', 'Floor area (m²)'], {
        ...required,
        validation: { min: 1 },
      }),
      table(
        'suppliers',
        suppliersLabel,
        [
          text('supplierName', ['Tên thương nhân', 'Trader'], required),
          text('supplierLicence', ['Số giấy phép kinh doanh rượu', 'Alcohol licence number'], required),
          text('supplierAddress', ['Địa chỉ', 'Address'], required),
        ],
        { ...required, validation: { maxRows: 20 } },
      ),
    ],
  );
}

const tradeProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('2.000633'),
    name: 'Cấp Giấy phép bán lẻ rượu',
    field: FIELDS.domesticTrade,
    agency: CONG_THUONG,
    applicantTypes: ['citizen', 'business'],
    legalBasis: ALCOHOL_LAW,
    conditions:
      'Là doanh nghiệp, hợp tác xã hoặc hộ kinh doanh được thành lập theo quy định; có quyền sử dụng hợp pháp địa điểm kinh doanh cố định; có văn bản giới thiệu hoặc hợp đồng nguyên tắc với thương nhân sản xuất, phân phối hoặc bán buôn rượu.',
    steps: [
      'Thương nhân nộp hồ sơ và phí thẩm định tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Công Thương xem xét hồ sơ, thẩm định thực tế tại địa điểm kinh doanh khi cần.',
      'Trong thời hạn 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương cấp Giấy phép bán lẻ rượu.',
    ],
    result: { name: 'Giấy phép bán lẻ rượu', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      { code: 'BAN_LE_THANH_PHO', name: 'Điểm kinh doanh tại các phường thuộc thành phố, thị xã', amount: 1_200_000 },
      { code: 'BAN_LE_KHU_VUC_KHAC', name: 'Điểm kinh doanh tại khu vực khác', amount: 600_000 },
    ].map(({ code, name, amount }) =>
      procedureCase({
        code,
        name,
        processingTime: workingDays(10),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp Giấy phép bán lẻ rượu (theo mẫu)', {
            template: 'don-de-nghi-cap-giay-phep-ban-le-ruou.docx',
          }),
          doc('DANG_KY_KINH_DOANH', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc đăng ký hộ kinh doanh', copy),
          doc(
            'DIA_DIEM',
            'Bản sao hợp đồng thuê, mượn hoặc giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh',
            copy,
          ),
          doc('NGUON_RUOU', 'Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc của thương nhân cung cấp rượu', copy),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            alcoholTrader(['Thương nhân cung cấp rượu', 'Suppliers']),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('PHI_THAM_DINH', 'Phí thẩm định cấp Giấy phép bán lẻ rượu', amount)],
        workflow: workflow([days(0.5), days(6), days(3), days(0.5)]),
      }),
    ),
  }),
  procedure({
    code: national('2.000636'),
    name: 'Cấp Giấy phép bán buôn rượu trên địa bàn tỉnh',
    field: FIELDS.domesticTrade,
    agency: CONG_THUONG,
    applicantTypes: ['business'],
    legalBasis: ALCOHOL_LAW,
    conditions:
      'Là doanh nghiệp được thành lập theo quy định; có kho hoặc hệ thống kho đáp ứng điều kiện bảo quản; có hệ thống bán buôn rượu trên địa bàn tỉnh với ít nhất 01 thương nhân bán lẻ rượu.',
    steps: [
      'Doanh nghiệp nộp hồ sơ và phí thẩm định tại Bộ phận Một cửa hoặc trực tuyến.',
      'Sở Công Thương xem xét hồ sơ, thẩm định thực tế kho hàng.',
      'Trong thời hạn 15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở Công Thương cấp Giấy phép bán buôn rượu.',
    ],
    result: { name: 'Giấy phép bán buôn rượu', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'BAN_BUON_RUOU',
        name: 'Cấp Giấy phép bán buôn rượu trên địa bàn tỉnh',
        processingTime: workingDays(15),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp Giấy phép bán buôn rượu (theo mẫu)', {
            template: 'don-de-nghi-cap-giay-phep-ban-buon-ruou.docx',
          }),
          doc('DANG_KY_KINH_DOANH', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp', copy),
          doc('KHO_HANG', 'Bản sao hợp đồng thuê kho hoặc giấy tờ chứng minh quyền sử dụng kho', copy),
          doc('HE_THONG_BAN_LE', 'Bản sao hợp đồng với các thương nhân bán lẻ rượu', copy),
          doc(
            'NGUON_RUOU',
            'Bản sao văn bản giới thiệu hoặc hợp đồng nguyên tắc với thương nhân sản xuất, phân phối rượu',
            copy,
          ),
        ],
        form: {
          sections: [
            applicant(),
            enterprise(),
            alcoholTrader(['Thương nhân sản xuất, phân phối rượu', 'Producers and distributors']),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('PHI_THAM_DINH', 'Phí thẩm định cấp Giấy phép bán buôn rượu', 1_100_000)],
        workflow: workflow(
          [days(0.5), days(6), days(4), days(0.5)],
          [step('THAM_DINH_KHO', 'Thẩm định thực tế kho hàng', 'processor', days(4))],
        ),
      }),
    ],
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// Ủy ban nhân dân phường Phú Thọ, phường An Thạnh (commune level since 01/7/2025)

const CIVIL_STATUS_LAW = [
  'Luật Hộ tịch số 60/2014/QH13 ngày 20/11/2014',
  'Nghị định số 123/2015/NĐ-CP ngày 15/11/2015 của Chính phủ quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  'Thông tư số 04/2020/TT-BTP ngày 28/5/2020 của Bộ Tư pháp quy định chi tiết thi hành một số điều của Luật Hộ tịch và Nghị định số 123/2015/NĐ-CP',
  'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc trung ương',
];
const LINKED_SERVICES_DECREE =
  'Nghị định số 63/2024/NĐ-CP ngày 10/6/2024 của Chính phủ quy định việc thực hiện liên thông điện tử 02 nhóm thủ tục hành chính: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi; đăng ký khai tử, xóa đăng ký thường trú, giải quyết mai táng phí, tử tuất';
const ATTESTATION_LAW = [
  'Nghị định số 23/2015/NĐ-CP ngày 16/02/2015 của Chính phủ về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
  'Thông tư số 01/2020/TT-BTP ngày 03/3/2020 của Bộ Tư pháp quy định chi tiết và hướng dẫn thi hành một số điều của Nghị định số 23/2015/NĐ-CP',
  'Thông tư số 226/2016/TT-BTC ngày 11/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
];
/** Luật Hộ tịch, art. 11: civil-status fees are waived for these applicants. */
const CIVIL_STATUS_EXEMPTIONS: Exemption[] = [
  ['CO_CONG', 'Người thuộc gia đình có công với cách mạng'],
  ['HO_NGHEO', 'Người thuộc hộ nghèo'],
  ['KHUYET_TAT', 'Người khuyết tật'],
];

const communeSteps = (outcome: string) => [
  'Người yêu cầu nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia hoặc trực tiếp tại Bộ phận Một cửa Ủy ban nhân dân phường.',
  'Công chức tư pháp – hộ tịch kiểm tra hồ sơ; nếu hồ sơ chưa đầy đủ thì hướng dẫn bổ sung, hoàn thiện một lần.',
  outcome,
];

const RELATIONSHIPS = [
  ['cha_me', 'Cha, mẹ', 'Parent'],
  ['vo_chong', 'Vợ, chồng', 'Spouse'],
  ['con', 'Con', 'Child'],
  ['ong_ba', 'Ông, bà', 'Grandparent'],
  ['nguoi_than', 'Người thân thích khác', 'Other relative'],
  ['khac', 'Cá nhân, tổ chức khác', 'Other person or organisation'],
] as const;

/** The applicant's relationship to the person registered, among the kinds allowed to register. */
function relationship(label: Label, kinds: readonly (typeof RELATIONSHIPS)[number][0][]) {
  const options = RELATIONSHIPS.filter(([value]) => kinds.includes(value));
  return select('relationship', label, options, required);
}

const ETHNICITIES = [
  ['kinh', 'Kinh', 'Kinh'],
  ['hoa', 'Hoa', 'Hoa'],
  ['khmer', 'Khơ-me', 'Khmer'],
  ['tay', 'Tày', 'Tay'],
  ['nung', 'Nùng', 'Nung'],
  ['khac', 'Dân tộc khác', 'Other'],
] as const;

function spouse(prefix: 'bride' | 'groom', title: Label): FormSection {
  return section(prefix, title, [
    text(`${prefix}Name`, ['Họ, chữ đệm và tên', 'Full name'], { ...required, validation: { maxLength: 100 } }),
    date(`${prefix}BirthDate`, ['Ngày, tháng, năm sinh', 'Date of birth'], required),
    cccd(`${prefix}IdNumber`, ['Số định danh cá nhân', 'Personal identification number'], required),
    select(`${prefix}Ethnicity`, ['Dân tộc', 'Ethnic group'], ETHNICITIES, required),
    address(`${prefix}Residence`, ['Nơi cư trú', 'Place of residence'], required),
    select(
      `${prefix}MaritalHistory`,
      ['Tình trạng hôn nhân trước khi đăng ký', 'Marital history'],
      [
        ['first', 'Chưa đăng ký kết hôn lần nào', 'Never married'],
        ['divorced', 'Đã ly hôn', 'Divorced'],
        ['widowed', 'Vợ/chồng đã chết', 'Widowed'],
      ],
      required,
    ),
    text(`${prefix}DivorceDecision`, ['Số, ngày bản án hoặc quyết định ly hôn', 'Divorce judgment'], {
      ...required,
      when: { field: `${prefix}MaritalHistory`, equals: 'divorced' },
    }),
  ]);
}

const communeProcedures: ProcedureDefinition[] = [
  procedure({
    code: national('1.001193'),
    name: 'Đăng ký khai sinh',
    field: FIELDS.civilStatus,
    agency: PHU_THO,
    applicantTypes: ['citizen'],
    legalBasis: [
      ...CIVIL_STATUS_LAW,
      LINKED_SERVICES_DECREE,
      'Thông tư số 281/2016/TT-BTC ngày 14/11/2016 của Bộ Tài chính quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác, sử dụng thông tin trong cơ sở dữ liệu hộ tịch',
    ],
    conditions:
      'Cha, mẹ hoặc người thân thích có trách nhiệm đăng ký khai sinh trong thời hạn 60 ngày kể từ ngày sinh.',
    steps: communeSteps(
      'Ngay trong ngày tiếp nhận hồ sơ (nếu nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo), công chức tư pháp – hộ tịch ghi vào Sổ đăng ký khai sinh, Chủ tịch Ủy ban nhân dân phường cấp Giấy khai sinh.',
    ),
    result: { name: 'Giấy khai sinh (bản chính và bản điện tử)', electronic: true },
    onlineMode: 'full',
    channels: ['in_person', 'online'],
    paymentAtSubmission: false,
    cases: [
      procedureCase({
        code: 'KHAI_SINH_DUNG_HAN',
        name: 'Đăng ký khai sinh đúng hạn',
        processingTime: workingDays(1),
        components: [
          doc('TO_KHAI', 'Tờ khai đăng ký khai sinh (theo mẫu)', { template: 'to-khai-dang-ky-khai-sinh.docx' }),
          doc('GIAY_CHUNG_SINH', 'Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh'),
          doc('UY_QUYEN', 'Văn bản ủy quyền có chứng thực (trường hợp ủy quyền đăng ký khai sinh)', optional),
        ],
        form: {
          sections: [
            applicant([
              relationship(
                ['Quan hệ với trẻ', 'Relationship to the child'],
                ['cha_me', 'ong_ba', 'nguoi_than', 'khac'],
              ),
            ]),
            section(
              'child',
              ['Người được khai sinh', 'The child'],
              [
                text('childName', ['Họ, chữ đệm và tên', 'Full name'], { ...required, validation: { maxLength: 100 } }),
                select(
                  'childSex',
                  ['Giới tính', 'Sex'],
                  [
                    ['nam', 'Nam', 'Male'],
                    ['nu', 'Nữ', 'Female'],
                  ],
                  required,
                ),
                date('childBirthDate', ['Ngày, tháng, năm sinh', 'Date of birth'], required),
                text('birthPlace', ['Nơi sinh', 'Place of birth'], {
                  ...required,
                  hint: ['Tên cơ sở y tế, hoặc địa chỉ nơi sinh', 'The hospital, or the address of birth'],
                }),
                select('childEthnicity', ['Dân tộc', 'Ethnic group'], ETHNICITIES, required),
                text('childEthnicityOther', ['Tên dân tộc', 'Ethnic group name'], {
                  ...required,
                  when: { field: 'childEthnicity', equals: 'khac' },
                }),
                text('childNationality', ['Quốc tịch', 'Nationality'], required),
              ],
            ),
            section(
              'parents',
              ['Cha, mẹ', 'Parents'],
              [
                text('motherName', ['Họ, chữ đệm và tên người mẹ', 'Mother’s full name'], required),
                cccd(
                  'motherIdNumber',
                  ['Số định danh cá nhân của người mẹ', 'Mother’s identification number'],
                  required,
                ),
                date('motherBirthDate', ['Ngày sinh của người mẹ', 'Mother’s date of birth'], required),
                checkbox('fatherDeclared', ['Khai thông tin người cha', 'Declare the father']),
                text('fatherName', ['Họ, chữ đệm và tên người cha', 'Father’s full name'], {
                  ...required,
                  when: { field: 'fatherDeclared', equals: true },
                }),
                cccd('fatherIdNumber', ['Số định danh cá nhân của người cha', 'Father’s identification number'], {
                  ...required,
                  when: { field: 'fatherDeclared', equals: true },
                }),
              ],
            ),
            section(
              'linked',
              ['Dịch vụ liên thông và bản sao', 'Linked services and copies'],
              [
                checkbox('linkedServices', [
                  'Đồng thời đăng ký thường trú và cấp thẻ bảo hiểm y tế cho trẻ (liên thông)',
                  'Also register permanent residence and health insurance for the child',
                ]),
                num('extractCopies', ['Số bản sao Trích lục khai sinh đề nghị cấp', 'Certified extracts requested'], {
                  validation: { min: 0, max: 20 },
                }),
              ],
            ),
            delivery({ postal: false, electronic: true }),
          ],
        },
        fees: [
          fee('LE_PHI_KHAI_SINH', 'Lệ phí đăng ký khai sinh đúng hạn (miễn theo Luật Hộ tịch)', 0),
          perUnit('PHI_BAN_SAO', 'Phí cấp bản sao Trích lục khai sinh', 8_000, 'bản'),
        ],
        workflow: workflow(SAME_DAY_SHARES),
      }),
    ],
  }),
  procedure({
    code: national('1.000894'),
    name: 'Đăng ký kết hôn',
    field: FIELDS.civilStatus,
    agency: AN_THANH,
    applicantTypes: ['citizen'],
    legalBasis: ['Luật Hôn nhân và gia đình số 52/2014/QH13 ngày 19/6/2014', ...CIVIL_STATUS_LAW],
    conditions:
      'Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; việc kết hôn do nam và nữ tự nguyện quyết định; không bị mất năng lực hành vi dân sự; không thuộc trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình.',
    steps: communeSteps(
      'Ngay sau khi nhận đủ giấy tờ, nếu đủ điều kiện, công chức tư pháp – hộ tịch ghi việc kết hôn vào Sổ hộ tịch; hai bên nam, nữ cùng có mặt ký vào Sổ và Giấy chứng nhận kết hôn. Trường hợp cần xác minh, thời hạn không quá 05 ngày làm việc.',
    ),
    result: { name: 'Giấy chứng nhận kết hôn', electronic: false },
    onlineMode: 'partial',
    channels: ['in_person', 'online'],
    paymentAtSubmission: false,
    cases: [
      { code: 'KET_HON', name: 'Đăng ký kết hôn', time: workingDays(1) },
      { code: 'KET_HON_XAC_MINH', name: 'Đăng ký kết hôn (trường hợp cần xác minh)', time: workingDays(5) },
    ].map(({ code, name, time }) =>
      procedureCase({
        code,
        name,
        processingTime: time,
        components: [
          doc('TO_KHAI', 'Tờ khai đăng ký kết hôn (theo mẫu)', { template: 'to-khai-dang-ky-ket-hon.docx' }),
          doc(
            'XAC_NHAN_HON_NHAN',
            'Giấy xác nhận tình trạng hôn nhân (trường hợp người yêu cầu không thường trú tại phường)',
            optional,
          ),
          doc('LY_HON', 'Bản sao bản án, quyết định ly hôn đã có hiệu lực (trường hợp đã ly hôn)', {
            ...copy,
            ...optional,
          }),
        ],
        form: {
          sections: [
            applicant(),
            spouse('bride', ['Bên nữ', 'Bride']),
            spouse('groom', ['Bên nam', 'Groom']),
            delivery({ postal: false, electronic: false }),
          ],
        },
        fees: [fee('LE_PHI_KET_HON', 'Lệ phí đăng ký kết hôn (miễn đối với công dân Việt Nam cư trú ở trong nước)', 0)],
        workflow: workflow(SAME_DAY_SHARES),
      }),
    ),
  }),
  procedure({
    code: national('1.000656'),
    name: 'Đăng ký khai tử',
    field: FIELDS.civilStatus,
    agency: PHU_THO,
    applicantTypes: ['citizen'],
    legalBasis: [...CIVIL_STATUS_LAW, LINKED_SERVICES_DECREE],
    conditions:
      'Người thân thích của người chết có trách nhiệm đăng ký khai tử trong thời hạn 15 ngày kể từ ngày có người chết.',
    steps: communeSteps(
      'Ngay sau khi nhận đủ giấy tờ, nếu thấy việc khai tử đúng, công chức tư pháp – hộ tịch ghi vào Sổ đăng ký khai tử, Chủ tịch Ủy ban nhân dân phường cấp Trích lục khai tử. Trường hợp cần xác minh, thời hạn không quá 03 ngày làm việc.',
    ),
    result: { name: 'Trích lục khai tử (bản chính và bản điện tử)', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    faq: [
      {
        question: 'Tôi có thể nhận Trích lục khai tử bản điện tử không?',
        answer:
          'Có. Khi nộp trực tuyến, chọn nhận kết quả bản điện tử; khi hồ sơ có kết quả, tải Trích lục khai tử tại mục “Hồ sơ của tôi”.',
      },
      {
        question: 'Cơ quan yêu cầu bổ sung giấy tờ thì tôi làm thế nào?',
        answer:
          'Mở hồ sơ trong mục “Hồ sơ của tôi”, tải lên giấy tờ còn thiếu vào đúng thành phần hồ sơ, ghi chú nếu cần rồi bấm “Gửi bổ sung”. Không cần đến cơ quan.',
      },
    ],
    cases: [
      { code: 'KHAI_TU', name: 'Đăng ký khai tử đúng hạn', time: workingDays(1) },
      { code: 'KHAI_TU_XAC_MINH', name: 'Đăng ký khai tử (trường hợp cần xác minh)', time: workingDays(3) },
    ].map(({ code, name, time }) =>
      procedureCase({
        code,
        name,
        processingTime: time,
        components: [
          doc('TO_KHAI', 'Tờ khai đăng ký khai tử (theo mẫu)', { template: 'to-khai-dang-ky-khai-tu.docx' }),
          doc('GIAY_BAO_TU', 'Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp'),
        ],
        form: {
          sections: [
            applicant([
              relationship(
                ['Quan hệ với người chết', 'Relationship to the deceased'],
                ['vo_chong', 'con', 'cha_me', 'nguoi_than', 'khac'],
              ),
            ]),
            section(
              'deceased',
              ['Người chết', 'The deceased'],
              [
                text('deceasedName', ['Họ, chữ đệm và tên', 'Full name'], {
                  ...required,
                  validation: { maxLength: 100 },
                }),
                date('deceasedBirthDate', ['Ngày, tháng, năm sinh', 'Date of birth'], required),
                cccd('deceasedIdNumber', ['Số định danh cá nhân', 'Personal identification number'], required),
                date('deathDate', ['Ngày chết', 'Date of death'], required),
                text('deathPlace', ['Nơi chết', 'Place of death'], required),
                text('deathCause', ['Nguyên nhân chết', 'Cause of death']),
                text('deathNoticeNumber', ['Số Giấy báo tử', 'Death notice number'], required),
                checkbox('linkedServices', [
                  'Đồng thời xóa đăng ký thường trú và giải quyết mai táng phí, tử tuất (liên thông)',
                  'Also close the residence registration and claim funeral and survivor benefits',
                ]),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [fee('LE_PHI_KHAI_TU', 'Lệ phí đăng ký khai tử đúng hạn (miễn theo Luật Hộ tịch)', 0)],
        workflow: workflow(SAME_DAY_SHARES),
      }),
    ),
  }),
  procedure({
    code: national('1.004873'),
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: FIELDS.civilStatus,
    agency: AN_THANH,
    applicantTypes: ['citizen'],
    legalBasis: CIVIL_STATUS_LAW,
    conditions:
      'Người yêu cầu thường trú tại phường; trường hợp yêu cầu cấp để kết hôn phải đáp ứng điều kiện kết hôn theo Luật Hôn nhân và gia đình.',
    steps: communeSteps(
      'Trong thời hạn 03 ngày làm việc kể từ ngày nhận đủ hồ sơ, nếu người yêu cầu đủ điều kiện, Chủ tịch Ủy ban nhân dân phường ký cấp Giấy xác nhận tình trạng hôn nhân.',
    ),
    result: { name: 'Giấy xác nhận tình trạng hôn nhân (bản điện tử)', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'XAC_NHAN_HON_NHAN',
        name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
        processingTime: workingDays(3),
        components: [
          doc('TO_KHAI', 'Tờ khai cấp Giấy xác nhận tình trạng hôn nhân (theo mẫu)', {
            template: 'to-khai-xac-nhan-tinh-trang-hon-nhan.docx',
          }),
          doc('LY_HON', 'Bản sao bản án, quyết định ly hôn hoặc trích lục khai tử của vợ/chồng (nếu có)', {
            ...copy,
            ...optional,
          }),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'marital',
              ['Nội dung xác nhận', 'What to confirm'],
              [
                select(
                  'maritalStatus',
                  ['Tình trạng hôn nhân hiện tại', 'Current marital status'],
                  [
                    ['single', 'Chưa đăng ký kết hôn với ai', 'Never married'],
                    ['divorced', 'Đã ly hôn, chưa kết hôn lại', 'Divorced, not remarried'],
                    ['widowed', 'Vợ/chồng đã chết, chưa kết hôn lại', 'Widowed, not remarried'],
                    ['married', 'Đang có vợ/chồng', 'Married'],
                  ],
                  required,
                ),
                select(
                  'purpose',
                  ['Mục đích sử dụng', 'Purpose'],
                  [
                    ['marriage', 'Để đăng ký kết hôn', 'To marry'],
                    ['transaction', 'Để thực hiện giao dịch dân sự (mua bán, vay vốn…)', 'For a civil transaction'],
                    ['other', 'Mục đích khác', 'Other'],
                  ],
                  required,
                ),
                text('intendedSpouseName', ['Họ tên người dự định kết hôn', 'Intended spouse’s full name'], {
                  ...required,
                  when: { field: 'purpose', equals: 'marriage' },
                }),
                cccd('intendedSpouseIdNumber', ['Số định danh cá nhân của người dự định kết hôn', 'Their ID number'], {
                  ...required,
                  when: { field: 'purpose', equals: 'marriage' },
                }),
                text('marriagePlace', ['Nơi dự định đăng ký kết hôn', 'Where the marriage will be registered'], {
                  ...required,
                  when: { field: 'purpose', equals: 'marriage' },
                }),
                text('otherPurpose', ['Nêu rõ mục đích', 'Explain the purpose'], {
                  ...required,
                  when: { field: 'purpose', equals: 'other' },
                }),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [fee('LE_PHI_XAC_NHAN', 'Lệ phí cấp Giấy xác nhận tình trạng hôn nhân', 3_000, CIVIL_STATUS_EXEMPTIONS)],
        workflow: workflow(STANDARD_SHARES),
      }),
    ],
  }),
  procedure({
    code: national('2.000815'),
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: FIELDS.attestation,
    agency: PHU_THO,
    applicantTypes: ['citizen', 'business'],
    legalBasis: ATTESTATION_LAW,
    conditions:
      'Bản chính không thuộc các trường hợp bị tẩy xóa, sửa chữa, thêm, bớt nội dung không hợp lệ, bị hư hỏng, cũ nát, không xác định được nội dung hoặc đóng dấu mật.',
    steps: [
      'Người yêu cầu xuất trình bản chính và bản sao cần chứng thực tại Bộ phận Một cửa Ủy ban nhân dân phường; nộp phí.',
      'Người thực hiện chứng thực kiểm tra bản chính, đối chiếu với bản sao.',
      'Trong ngày tiếp nhận yêu cầu (ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ), người có thẩm quyền ký chứng thực và đóng dấu.',
    ],
    result: { name: 'Bản sao được chứng thực từ bản chính', electronic: false },
    onlineMode: 'none',
    channels: ['in_person'],
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'CHUNG_THUC_BAN_SAO',
        name: 'Chứng thực bản sao từ bản chính',
        processingTime: workingHours(8),
        components: [
          doc('BAN_CHINH', 'Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao'),
          doc('BAN_SAO', 'Bản sao cần chứng thực (nếu người yêu cầu không tự chụp thì cơ quan chụp)', copy),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'documents',
              ['Giấy tờ cần chứng thực', 'Documents to certify'],
              [
                table(
                  'documents',
                  ['Danh sách giấy tờ', 'Documents'],
                  [
                    text('documentName', ['Tên giấy tờ, văn bản', 'Document'], required),
                    num('pages', ['Số trang', 'Pages'], { ...required, validation: { min: 1, max: 500 } }),
                    num('copyCount', ['Số bản sao', 'Copies'], { ...required, validation: { min: 1, max: 50 } }),
                  ],
                  { ...required, validation: { maxRows: 20 } },
                ),
              ],
            ),
          ],
        },
        fees: [
          perUnit('PHI_TRANG_1_2', 'Phí chứng thực bản sao từ bản chính (trang thứ nhất và thứ hai)', 2_000, 'trang'),
          perUnit(
            'PHI_TRANG_3',
            'Phí chứng thực bản sao từ bản chính từ trang thứ ba trở lên (tối đa 200.000 đồng/bản)',
            1_000,
            'trang',
          ),
        ],
        workflow: workflow(SAME_DAY_SHARES),
      }),
    ],
  }),
  procedure({
    code: national('2.000884'),
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản (áp dụng cho cả trường hợp chứng thực điểm chỉ)',
    field: FIELDS.attestation,
    agency: PHU_THO,
    applicantTypes: ['citizen'],
    legalBasis: ATTESTATION_LAW,
    conditions:
      'Người yêu cầu chứng thực phải ký trước mặt người thực hiện chứng thực; giấy tờ, văn bản không có nội dung trái pháp luật, đạo đức xã hội.',
    steps: [
      'Người yêu cầu xuất trình giấy tờ tùy thân và giấy tờ, văn bản sẽ ký tại Bộ phận Một cửa Ủy ban nhân dân phường; nộp phí.',
      'Người yêu cầu ký (hoặc điểm chỉ) trước mặt người thực hiện chứng thực.',
      'Người có thẩm quyền ghi lời chứng, ký và đóng dấu ngay trong ngày tiếp nhận (ngày làm việc tiếp theo nếu tiếp nhận sau 15 giờ).',
    ],
    result: { name: 'Giấy tờ, văn bản đã được chứng thực chữ ký', electronic: false },
    onlineMode: 'none',
    channels: ['in_person'],
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'CHUNG_THUC_CHU_KY',
        name: 'Chứng thực chữ ký',
        processingTime: workingHours(8),
        components: [
          doc('GIAY_TO_KY', 'Giấy tờ, văn bản mà người yêu cầu chứng thực sẽ ký'),
          doc('GIAY_TO_TUY_THAN', 'Giấy tờ tùy thân còn giá trị sử dụng (xuất trình bản chính)'),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'signature',
              ['Giấy tờ cần chứng thực chữ ký', 'Document to be signed'],
              [
                text('documentTitle', ['Tên giấy tờ, văn bản', 'Document title'], required),
                num('signedPages', ['Số trang', 'Pages'], { ...required, validation: { min: 1, max: 500 } }),
                checkbox('fingerprint', [
                  'Người yêu cầu không ký được, đề nghị chứng thực điểm chỉ',
                  'The applicant cannot sign and asks for a fingerprint attestation',
                ]),
                text('fingerprintReason', ['Lý do không ký được', 'Why the applicant cannot sign'], {
                  ...required,
                  when: { field: 'fingerprint', equals: true },
                }),
              ],
            ),
          ],
        },
        fees: [fee('PHI_CHUNG_THUC_CHU_KY', 'Phí chứng thực chữ ký (mỗi trường hợp)', 10_000)],
        workflow: workflow(SAME_DAY_SHARES),
      }),
    ],
  }),
  procedure({
    code: national('2.000913'),
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: FIELDS.attestation,
    agency: AN_THANH,
    applicantTypes: ['citizen', 'business'],
    legalBasis: ATTESTATION_LAW,
    conditions:
      'Các bên tham gia hợp đồng có năng lực hành vi dân sự, tự nguyện giao kết; nội dung hợp đồng không vi phạm pháp luật, không trái đạo đức xã hội; các bên ký trước mặt người thực hiện chứng thực.',
    steps: [
      'Các bên nộp dự thảo hợp đồng và giấy tờ liên quan tại Bộ phận Một cửa Ủy ban nhân dân phường; nộp phí.',
      'Người thực hiện chứng thực kiểm tra giấy tờ, năng lực hành vi dân sự và sự tự nguyện của các bên.',
      'Các bên ký trước mặt người thực hiện chứng thực; người có thẩm quyền ghi lời chứng, ký và đóng dấu trong thời hạn không quá 02 ngày làm việc.',
    ],
    result: { name: 'Hợp đồng, giao dịch được chứng thực', electronic: false },
    onlineMode: 'none',
    channels: ['in_person'],
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'CHUNG_THUC_HOP_DONG',
        name: 'Chứng thực hợp đồng, giao dịch về động sản',
        processingTime: workingDays(2),
        components: [
          doc('DU_THAO', 'Dự thảo hợp đồng, giao dịch', { fileTypes: ['pdf', 'docx'] }),
          doc('GIAY_TO_TUY_THAN', 'Bản sao giấy tờ tùy thân của người yêu cầu chứng thực', copy),
          doc(
            'GIAY_TO_TAI_SAN',
            'Bản sao giấy chứng nhận quyền sở hữu hoặc giấy tờ thay thế (đối với tài sản phải đăng ký quyền sở hữu)',
            copy,
          ),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'contract',
              ['Hợp đồng, giao dịch', 'The contract'],
              [
                select(
                  'contractKind',
                  ['Loại hợp đồng, giao dịch', 'Kind of contract'],
                  [
                    ['mua_ban_xe', 'Mua bán xe', 'Sale of a vehicle'],
                    ['tang_cho', 'Tặng cho tài sản', 'Gift'],
                    ['vay_tai_san', 'Vay tài sản', 'Loan'],
                    ['thue_tai_san', 'Thuê tài sản', 'Lease'],
                    ['uy_quyen', 'Ủy quyền', 'Power of attorney'],
                  ],
                  required,
                ),
                text('assetDescription', ['Mô tả tài sản', 'Description of the property'], {
                  ...required,
                  multiline: true,
                  validation: { maxLength: 2000 },
                }),
                money('contractValue', ['Giá trị hợp đồng (đồng)', 'Contract value (đồng)']),
                table(
                  'parties',
                  ['Các bên tham gia', 'Parties'],
                  [
                    text('partyName', ['Họ và tên', 'Full name'], required),
                    cccd('partyIdNumber', ['Số định danh cá nhân', 'Identification number'], required),
                    select(
                      'partyRole',
                      ['Tư cách', 'Role'],
                      [
                        ['ben_a', 'Bên A', 'Party A'],
                        ['ben_b', 'Bên B', 'Party B'],
                      ],
                      required,
                    ),
                  ],
                  { ...required, validation: { minRows: 2, maxRows: 10 } },
                ),
              ],
            ),
          ],
        },
        fees: [fee('PHI_CHUNG_THUC_HOP_DONG', 'Phí chứng thực hợp đồng, giao dịch', 50_000)],
        workflow: workflow([days(0.25), days(1), days(0.5), days(0.25)]),
      }),
    ],
  }),
  procedure({
    code: national('1.001612'),
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: FIELDS.householdBusiness,
    agency: PHU_THO,
    applicantTypes: ['citizen'],
    legalBasis: [
      'Nghị định số 01/2021/NĐ-CP ngày 04/01/2021 của Chính phủ về đăng ký doanh nghiệp (Chương VIII – hộ kinh doanh)',
      'Thông tư số 01/2021/TT-BKHĐT ngày 16/3/2021 của Bộ Kế hoạch và Đầu tư hướng dẫn về đăng ký doanh nghiệp',
      'Thông tư số 85/2019/TT-BTC ngày 29/11/2019 của Bộ Tài chính hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân tỉnh, thành phố trực thuộc trung ương',
    ],
    conditions:
      'Ngành, nghề đăng ký kinh doanh không bị cấm đầu tư kinh doanh; tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp xã; nộp đủ lệ phí đăng ký.',
    steps: [
      'Cá nhân hoặc thành viên hộ gia đình nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa Ủy ban nhân dân phường; nộp lệ phí.',
      'Cơ quan đăng ký kinh doanh cấp xã kiểm tra tính hợp lệ của hồ sơ.',
      'Trong thời hạn 03 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ, cấp Giấy chứng nhận đăng ký hộ kinh doanh; hồ sơ chưa hợp lệ được thông báo bằng văn bản nội dung cần sửa đổi, bổ sung.',
    ],
    result: { name: 'Giấy chứng nhận đăng ký hộ kinh doanh', electronic: true },
    onlineMode: 'full',
    channels: ALL_CHANNELS,
    paymentAtSubmission: true,
    cases: [
      procedureCase({
        code: 'HO_KINH_DOANH',
        name: 'Đăng ký thành lập hộ kinh doanh',
        processingTime: workingDays(3),
        components: [
          doc('GIAY_DE_NGHI', 'Giấy đề nghị đăng ký hộ kinh doanh (theo mẫu)', {
            template: 'giay-de-nghi-dang-ky-ho-kinh-doanh.docx',
          }),
          doc(
            'GIAY_TO_PHAP_LY',
            'Bản sao giấy tờ pháp lý của cá nhân đối với chủ hộ và các thành viên hộ gia đình',
            copy,
          ),
          doc(
            'BIEN_BAN_HOP',
            'Bản sao biên bản họp thành viên hộ gia đình về việc thành lập hộ kinh doanh (trường hợp các thành viên hộ gia đình đăng ký)',
            { ...copy, ...optional },
          ),
          doc(
            'UY_QUYEN',
            'Văn bản ủy quyền của thành viên hộ gia đình cho một thành viên làm chủ hộ kinh doanh',
            optional,
          ),
        ],
        form: {
          sections: [
            applicant(),
            section(
              'business',
              ['Thông tin hộ kinh doanh', 'The household business'],
              [
                text('businessName', ['Tên hộ kinh doanh', 'Business name'], {
                  ...required,
                  validation: { maxLength: 200 },
                }),
                address('businessAddress', ['Địa điểm kinh doanh', 'Business address'], required),
                text('businessLines', ['Ngành, nghề kinh doanh', 'Business lines'], {
                  ...required,
                  multiline: true,
                  validation: { maxLength: 2000 },
                }),
                money('businessCapital', ['Vốn kinh doanh (đồng)', 'Business capital (đồng)'], {
                  ...required,
                  validation: { min: 1 },
                }),
                num('workers', ['Số lao động', 'Number of workers'], { validation: { min: 0, max: 1000 } }),
                select(
                  'founder',
                  ['Chủ thể thành lập', 'Founded by'],
                  [
                    ['individual', 'Một cá nhân', 'One individual'],
                    ['household', 'Các thành viên hộ gia đình', 'Members of a household'],
                  ],
                  required,
                ),
                table(
                  'householdMembers',
                  ['Thành viên hộ gia đình tham gia đăng ký', 'Household members'],
                  [
                    text('memberName', ['Họ và tên', 'Full name'], required),
                    cccd('memberIdNumber', ['Số định danh cá nhân', 'Identification number'], required),
                    date('memberBirthDate', ['Ngày sinh', 'Date of birth'], required),
                  ],
                  { ...required, when: { field: 'founder', equals: 'household' }, validation: { maxRows: 20 } },
                ),
              ],
            ),
            delivery({ postal: true, electronic: true }),
          ],
        },
        fees: [fee('LE_PHI_DK_HKD', 'Lệ phí đăng ký hộ kinh doanh', 100_000)],
        workflow: workflow([days(0.5), days(1.5), days(0.5), days(0.5)]),
      }),
    ],
  }),
  procedure({
    code: national('1.009994'),
    name: 'Cấp giấy phép xây dựng đối với nhà ở riêng lẻ',
    field: FIELDS.construction,
    agency: AN_THANH,
    applicantTypes: ['citizen'],
    legalBasis: [...CONSTRUCTION_LAW, PERMIT_FEE_RESOLUTION],
    conditions:
      'Phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt; bảo đảm an toàn cho công trình và công trình lân cận; thiết kế tuân thủ quy chuẩn về chỉ giới xây dựng, mật độ xây dựng, chiều cao theo quy hoạch chi tiết hoặc thiết kế đô thị.',
    steps: [
      'Chủ đầu tư nộp hồ sơ trực tuyến hoặc tại Bộ phận Một cửa Ủy ban nhân dân phường.',
      'Công chức phụ trách xây dựng kiểm tra hồ sơ, kiểm tra thực địa và đối chiếu điều kiện cấp phép.',
      'Trong thời hạn 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ, Chủ tịch Ủy ban nhân dân phường cấp giấy phép xây dựng; chủ đầu tư nộp lệ phí khi nhận giấy phép.',
    ],
    result: { name: 'Giấy phép xây dựng', electronic: false },
    onlineMode: 'partial',
    channels: ALL_CHANNELS,
    paymentAtSubmission: false,
    cases: [
      { code: 'NHA_O_XAY_MOI', name: 'Cấp giấy phép xây dựng mới nhà ở riêng lẻ', renovation: false },
      { code: 'NHA_O_SUA_CHUA', name: 'Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ', renovation: true },
    ].map(({ code, name, renovation }) =>
      procedureCase({
        code,
        name,
        processingTime: workingDays(15),
        components: [
          doc('DON_DE_NGHI', 'Đơn đề nghị cấp giấy phép xây dựng (theo mẫu)', {
            template: 'don-de-nghi-cap-gpxd-nha-o.docx',
          }),
          doc(
            'QUYEN_SU_DUNG_DAT',
            'Bản sao giấy tờ chứng minh quyền sử dụng đất theo quy định của pháp luật về đất đai',
            copy,
          ),
          doc(
            'BAN_VE',
            'Bản vẽ thiết kế xây dựng: mặt bằng công trình trên lô đất, mặt bằng các tầng, mặt đứng, mặt cắt, mặt bằng móng, sơ đồ đấu nối hạ tầng',
            { originals: 2 },
          ),
          ...(renovation
            ? [
                doc('HIEN_TRANG', 'Ảnh chụp hiện trạng công trình đề nghị sửa chữa, cải tạo', {
                  fileTypes: ['jpeg', 'png'],
                }),
              ]
            : [
                doc(
                  'CAM_KET_AN_TOAN',
                  'Bản cam kết bảo đảm an toàn đối với công trình liền kề (trường hợp có tầng hầm hoặc công trình liền kề)',
                  optional,
                ),
              ]),
        ],
        form: {
          sections: [
            applicant(),
            building([
              select(
                'houseKind',
                ['Loại nhà', 'Kind of house'],
                [
                  ['nha_pho', 'Nhà phố liền kề', 'Terraced house'],
                  ['biet_thu', 'Biệt thự', 'Villa'],
                  ['nha_vuon', 'Nhà vườn', 'Garden house'],
                ],
                required,
              ),
              checkbox('hasBasement', ['Có tầng hầm', 'Has a basement']),
              num('basementDepth', ['Chiều sâu tầng hầm (m)', 'Basement depth (m)'], {
                ...required,
                when: { field: 'hasBasement', equals: true },
                validation: { min: 0.5, max: 20 },
              }),
              ...(renovation
                ? [
                    text('renovationScope', ['Nội dung sửa chữa, cải tạo', 'What will be renovated'], {
                      ...required,
                      multiline: true,
                    }),
                  ]
                : []),
            ]),
            delivery({ postal: true, electronic: false }),
          ],
        },
        fees: [fee('LE_PHI_GPXD', 'Lệ phí cấp giấy phép xây dựng nhà ở riêng lẻ', 75_000)],
        workflow: workflow(
          [days(0.5), days(8), days(3), days(0.5)],
          [step('KIEM_TRA_THUC_DIA', 'Kiểm tra thực địa', 'processor', days(2.5))],
          days(0.5),
        ),
      }),
    ),
  }),
];

export const demoCatalog: ProcedureDefinition[] = [
  ...enterpriseProcedures,
  ...transportProcedures,
  ...justiceProcedures,
  ...constructionProcedures,
  ...informationProcedures,
  ...healthProcedures,
  ...scienceProcedures,
  ...investmentProcedures,
  ...labourProcedures,
  ...tradeProcedures,
  ...communeProcedures,
];
