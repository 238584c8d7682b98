import type { AgencyInput } from '../modules/agencies/agencies.service.ts';
import type { OfficerRole } from '../modules/identity/identity.tables.ts';

/**
 * The demo province (Bình Dương, as in the 2019 report the project starts from). Identifiers follow QCVN 102:2016's
 * shape — `000.00.NN.H08` for units of the province, `000.NN.PP.H08` for units under a city — and are illustrative.
 */
const province = '000.00.00.H08';
const centreAddress = 'Trung tâm Hành chính tập trung tỉnh, đường Lê Lợi, phường Hòa Phú, thành phố Thủ Dầu Một';

const department = (code: string, name: string, tower: string, kind: 'department' | 'board' = 'department') => ({
  identifier: `000.00.${code}.H08`,
  name,
  kind,
  level: 'province' as const,
  parentIdentifier: province,
  address: `${tower}, ${centreAddress}`,
});

export const demoAgencies: AgencyInput[] = [
  {
    identifier: province,
    name: 'Ủy ban nhân dân tỉnh Bình Dương',
    kind: 'people_committee',
    level: 'province',
    address: centreAddress,
    phone: '0274 3822 929',
    email: 'ubnd@binhduong.gov.vn',
  },
  {
    ...department('01', 'Trung tâm Phục vụ hành chính công tỉnh Bình Dương', 'Tầng 1 Tháp A'),
    kind: 'one_stop_centre',
    phone: '0274 3830 567',
    email: 'tthcc@binhduong.gov.vn',
  },
  department('10', 'Sở Kế hoạch và Đầu tư', 'Tầng 10 Tháp A'),
  department('11', 'Sở Giao thông Vận tải', 'Tầng 16 Tháp B'),
  department('12', 'Sở Tư pháp', 'Tầng 3 Tháp B'),
  department('13', 'Sở Xây dựng', 'Tầng 5 Tháp A'),
  department('14', 'Sở Thông tin và Truyền thông', 'Tầng 4 Tháp A'),
  department('15', 'Sở Y tế', 'Tầng 13 Tháp A'),
  department('16', 'Sở Khoa học và Công nghệ', 'Tầng 7 Tháp B'),
  department('17', 'Ban Quản lý các Khu công nghiệp', 'Tầng 12 Tháp B', 'board'),
  department('18', 'Sở Lao động – Thương binh và Xã hội', 'Tầng 11 Tháp B'),
  department('19', 'Sở Công Thương', 'Tầng 8 Tháp A'),
  {
    identifier: '000.00.21.H08',
    name: 'Ủy ban nhân dân thành phố Thủ Dầu Một',
    kind: 'city',
    level: 'district',
    parentIdentifier: province,
    address: 'Số 1 Quang Trung, phường Phú Cường, thành phố Thủ Dầu Một',
  },
  {
    identifier: '000.00.22.H08',
    name: 'Ủy ban nhân dân thành phố Thuận An',
    kind: 'city',
    level: 'district',
    parentIdentifier: province,
    address: 'Đường Cách Mạng Tháng Tám, phường Lái Thiêu, thành phố Thuận An',
  },
  {
    identifier: '000.01.21.H08',
    name: 'Ủy ban nhân dân phường Phú Thọ',
    kind: 'ward',
    level: 'commune',
    parentIdentifier: '000.00.21.H08',
    address: 'Đường Lê Hồng Phong, phường Phú Thọ, thành phố Thủ Dầu Một',
  },
  {
    identifier: '000.01.22.H08',
    name: 'Ủy ban nhân dân phường An Thạnh',
    kind: 'ward',
    level: 'commune',
    parentIdentifier: '000.00.22.H08',
    address: 'Đường Cách Mạng Tháng Tám, phường An Thạnh, thành phố Thuận An',
  },
];

export interface DemoAccount {
  username: string;
  kind: 'citizen' | 'officer';
  fullName: string;
  email: string;
  phone: string;
  roles: { agency: string; role: OfficerRole }[];
  /** What the account is for, shown when the server starts (i18n key). */
  purposeKey: string;
}

export const demoAccounts: DemoAccount[] = [
  {
    username: 'congdan',
    kind: 'citizen',
    fullName: 'Nguyễn Văn An',
    email: 'congdan@example.vn',
    phone: '0912345678',
    roles: [],
    purposeKey: 'demo.account.citizen',
  },
  {
    username: 'motcua',
    kind: 'officer',
    fullName: 'Trần Thị Bích',
    email: 'motcua@binhduong.gov.vn',
    phone: '0987654321',
    roles: [
      { agency: '000.00.01.H08', role: 'intake' },
      { agency: '000.00.01.H08', role: 'cashier' },
      { agency: '000.01.21.H08', role: 'intake' },
    ],
    purposeKey: 'demo.account.intake',
  },
  {
    username: 'chuyenvien',
    kind: 'officer',
    fullName: 'Lê Minh Châu',
    email: 'chuyenvien@binhduong.gov.vn',
    phone: '0903111222',
    roles: [
      { agency: '000.00.10.H08', role: 'processor' },
      { agency: '000.01.21.H08', role: 'processor' },
    ],
    purposeKey: 'demo.account.processor',
  },
  {
    username: 'lanhdao',
    kind: 'officer',
    fullName: 'Phạm Quốc Dũng',
    email: 'lanhdao@binhduong.gov.vn',
    phone: '0903333444',
    roles: [
      { agency: '000.00.10.H08', role: 'leader' },
      { agency: '000.01.21.H08', role: 'leader' },
    ],
    purposeKey: 'demo.account.leader',
  },
  {
    // The procedure-control office (Phòng Kiểm soát TTHC, in the province's office) receives feedback for the province.
    username: 'kiemsoat',
    kind: 'officer',
    fullName: 'Đỗ Thị Hạnh',
    email: 'kiemsoat@binhduong.gov.vn',
    phone: '0903777888',
    roles: [{ agency: province, role: 'petition_handler' }],
    purposeKey: 'feedback.demoAccount',
  },
  {
    username: 'quantri',
    kind: 'officer',
    fullName: 'Võ Thanh Hải',
    email: 'quantri@binhduong.gov.vn',
    phone: '0903555666',
    roles: [{ agency: province, role: 'admin' }],
    purposeKey: 'demo.account.admin',
  },
];
