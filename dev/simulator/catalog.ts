// Menus in the scripts klikit's markets use. Names are deliberately varied: Latin with diacritics,
// Thai, Chinese, and a few very long names, because the ticket renderer must cope with all of them.

export type ModifierTemplate = { name: string; groups?: GroupTemplate[] };
export type GroupTemplate = { name: string; modifiers: ModifierTemplate[]; maxPicks?: number };
/** klikit's menu categories (`klikit_category_id` / `klikit_category_name` on a cart line): what station routes match. */
export const CATEGORIES = { Mains: 701, Sides: 702, Drinks: 703 } as const;
export type CategoryName = keyof typeof CATEGORIES;
export type MenuItem = { sku: string; name: string; groups: GroupTemplate[]; category: CategoryName };
export type Menu = { brandTitle: string; items: MenuItem[] };

const cheeseKind: GroupTemplate = {
  name: 'Jenis Keju',
  modifiers: [{ name: 'Mozzarella' }, { name: 'Cheddar' }, { name: 'Parmesan', groups: [{ name: 'Serutan', modifiers: [{ name: 'Halus' }, { name: 'Kasar' }] }] }],
};
const spice: GroupTemplate = { name: 'Level Pedas', modifiers: [{ name: 'Level 0' }, { name: 'Level 1' }, { name: 'Level 3' }, { name: 'Level 5 (extra pedas)' }] };
const sugar: GroupTemplate = { name: 'Sugar', modifiers: [{ name: '0%' }, { name: '50%' }, { name: '100%' }] };
const ice: GroupTemplate = { name: 'Ice', modifiers: [{ name: 'Less ice' }, { name: 'Normal ice' }, { name: 'No ice' }] };
const size: GroupTemplate = { name: 'Size', modifiers: [{ name: 'Regular' }, { name: 'Large' }] };

export const MENUS: readonly Menu[] = [
  {
    brandTitle: '(DEMO) Cimol Bojot AA',
    items: [
      { sku: 'CBA001', name: 'Cimol Beef Porsi Besar', groups: [spice, { name: 'Topping', maxPicks: 2, modifiers: [{ name: 'Keju', groups: [cheeseKind] }, { name: 'Abon' }, { name: 'Telur', groups: [{ name: 'Masak', modifiers: [{ name: 'Setengah matang' }, { name: 'Matang' }] }] }] }], category: 'Mains' },
      { sku: 'CBA002', name: 'Cimol Original', groups: [spice], category: 'Mains' },
      { sku: 'CBA003', name: 'Nasi Goreng Kampung Spesial Pakai Telur Ceplok dan Kerupuk Udang Jumbo', groups: [spice, size], category: 'Mains' },
      { sku: 'CBA004', name: 'Es Teh Manis', groups: [sugar, ice], category: 'Drinks' },
    ],
  },
  {
    brandTitle: 'Kopi Senja',
    items: [
      { sku: 'KS001', name: 'Es Kopi Susu Gula Aren', groups: [sugar, ice], category: 'Drinks' },
      { sku: 'KS002', name: 'Kopi Tubruk', groups: [sugar], category: 'Drinks' },
      { sku: 'KS003', name: 'Roti Bakar Cokelat Keju', groups: [{ name: 'Extra', modifiers: [{ name: 'Keju', groups: [cheeseKind] }, { name: 'Meses' }] }], category: 'Mains' },
    ],
  },
  {
    brandTitle: 'ครัวไทย Thai Kitchen',
    items: [
      { sku: 'TK001', name: 'ผัดไทยกุ้งสด (Pad Thai Goong)', groups: [spice, { name: 'เพิ่ม', modifiers: [{ name: 'ไข่ดาว' }, { name: 'กุ้งเพิ่ม' }] }], category: 'Mains' },
      { sku: 'TK002', name: 'ต้มยำกุ้ง', groups: [size], category: 'Mains' },
      { sku: 'TK003', name: 'ชาไทยเย็น', groups: [sugar, ice], category: 'Drinks' },
    ],
  },
  {
    brandTitle: 'Phở Hà Nội',
    items: [
      { sku: 'PH001', name: 'Phở bò tái chín', groups: [size, { name: 'Rau thơm', modifiers: [{ name: 'Húng quế' }, { name: 'Ngò gai' }, { name: 'Không rau' }] }], category: 'Mains' },
      { sku: 'PH002', name: 'Bánh mì thịt nướng', groups: [{ name: 'Sốt', modifiers: [{ name: 'Tương ớt' }, { name: 'Mayonnaise' }] }], category: 'Mains' },
      { sku: 'PH003', name: 'Cà phê sữa đá', groups: [sugar], category: 'Drinks' },
    ],
  },
  {
    brandTitle: '川味小馆 Sichuan House',
    items: [
      { sku: 'SH001', name: '宫保鸡丁 Kung Pao Chicken', groups: [spice, { name: '主食', modifiers: [{ name: '米饭' }, { name: '面条', groups: [{ name: '面条类型', modifiers: [{ name: '宽面' }, { name: '细面' }] }] }] }], category: 'Mains' },
      { sku: 'SH002', name: '小笼包 (6个)', groups: [], category: 'Sides' },
      { sku: 'SH003', name: '麻婆豆腐', groups: [spice], category: 'Mains' },
    ],
  },
  {
    brandTitle: 'Burger Lab',
    items: [
      { sku: 'BL001', name: 'Double Smash Burger', groups: [{ name: 'Doneness', modifiers: [{ name: 'Medium' }, { name: 'Well done' }] }, { name: 'Add-ons', maxPicks: 3, modifiers: [{ name: 'Bacon' }, { name: 'Extra cheese', groups: [cheeseKind] }, { name: 'Jalapeños' }] }], category: 'Mains' },
      { sku: 'BL002', name: 'Fries', groups: [size], category: 'Sides' },
      { sku: 'BL003', name: 'The Ultimate Triple-Stack Truffle Mushroom Swiss Burger with Caramelised Onions', groups: [], category: 'Mains' },
    ],
  },
];

export const LINE_COMMENTS = ['extra crispy', 'less ice', 'no onions', 'tanpa sayur', 'ไม่ใส่ผักชี', 'không hành', '不要香菜', 'sauce on the side', 'alergi kacang!'];
export const ORDER_COMMENTS = ['Please no plastic cutlery', 'Ring the bell twice', 'Tolong cepat ya', 'Birthday: write "Happy Birthday Sari" on the box', 'กรุณาใส่ถุงแยก'];
export const KLIKIT_COMMENTS = ['Customer called: allergy to peanuts', 'VIP guest', 'Rider will wait outside'];
export const CUSTOMER_NAMES: readonly (readonly [string, string])[] = [
  ['Rina', 'S.'], ['Budi', 'Santoso'], ['Somchai', 'K.'], ['Nguyễn', 'Thị Lan'], ['王', '伟'], ['Maria', 'Dela Cruz'], ['Ahmad', 'Fauzi'],
];
export const VEHICLES = [
  { plate_number: 'B 1234 KJX', color: 'Silver', model: 'Toyota Avanza' },
  { plate_number: 'กข 4521', color: 'White', model: 'Honda City' },
  { plate_number: '51F-123.45', color: 'Red', model: 'Honda Vision' },
];
/** Providers the generator uses, weighted toward the common aggregators. */
export const PROVIDER_IDS = [1, 1, 6, 6, 6, 7, 7, 9, 9, 14, 2, 11] as const;
