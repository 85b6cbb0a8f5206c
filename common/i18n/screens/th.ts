import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const th: Translation<typeof en> = {
  'screens.grantUnknown': 'หน้าจอนี้ไม่รู้ว่าต้องแสดงอะไร ({why}) ตรวจดูว่าเครื่องที่เคาน์เตอร์เปิดอยู่ แล้วโหลดหน้านี้ใหม่',
  'screens.station': 'สถานี',
  'screens.languageChoose': 'เลือกภาษาของหน้าจอนี้',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'กำลังทำในครัว',
  'screens.expo.ready': 'พร้อมส่งมอบ',
  'screens.expo.noneCooking': 'ในครัวไม่มีออเดอร์ ออเดอร์ใหม่จะขึ้นที่นี่ทันทีที่เข้ามา',
  'screens.expo.noneReady': 'ไม่มีออเดอร์รอส่งมอบ',
  'screens.expo.waitingAccept': 'ยังไม่ได้รับออเดอร์: เคาน์เตอร์เป็นผู้รับ',
  'screens.expo.void': 'ยกเลิกแล้ว — ห้ามส่งมอบ',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: กำลังทำ',
  'screens.expo.allStationsDone': 'ทุกสถานีเสร็จแล้ว: ตรวจถุงแล้วกด พร้อม',
  'screens.expo.moreLines': 'อีก {count} รายการ',

  'screens.pickup.title': 'จุดรับอาหาร',
  'screens.pickup.ready': 'พร้อมแล้ว — เชิญรับได้',
  'screens.pickup.preparing': 'กำลังเตรียม',
  'screens.pickup.noneReady': 'ยังไม่มีออเดอร์ที่พร้อม',
  'screens.pickup.more': 'อีก {count}',

  'screens.link.unreachable': 'ติดต่อเครื่องที่เคาน์เตอร์ไม่ได้ — ออเดอร์บางรายการอาจไม่แสดง',
  'screens.link.retrying': 'กำลังลองใหม่…',
  'screens.link.callFailed': 'ติดต่อเครื่องที่เคาน์เตอร์ไม่ได้: ลองอีกครั้งเมื่อหน้าจอนี้เชื่อมต่อแล้ว',

  'screens.pair.pageTitle': 'จับคู่หน้าจอนี้',
  'screens.pair.heading': 'จับคู่หน้าจอนี้กับครัว',
  'screens.pair.explain': 'ที่เครื่องเคาน์เตอร์ เปิด การตั้งค่า → หน้าจอ เลือกสิ่งที่หน้าจอนี้จะแสดง แล้วกด “สร้างรหัสจับคู่” จากนั้นพิมพ์รหัสที่นี่',
  'screens.pair.codeLabel': 'รหัสจับคู่',
  'screens.pair.submit': 'จับคู่',
  'screens.pair.wrong': 'รหัสไม่ถูกต้องหรือถูกใช้ไปแล้ว สร้างรหัสใหม่ที่เครื่องเคาน์เตอร์',
  'screens.pair.expired': 'รหัสหมดอายุแล้ว (ใช้ได้ไม่กี่นาที) สร้างรหัสใหม่ที่เครื่องเคาน์เตอร์',
  'screens.pair.tooMany': 'ลองจากหน้าจอนี้หลายครั้งเกินไป รอหนึ่งนาทีแล้วลองใหม่ด้วยรหัสใหม่',
  'screens.pair.foreignHost': 'ที่อยู่นี้ไม่ใช่ kitchen bridge เปิด bridge ด้วยที่อยู่ของมันเอง (ดูใน การตั้งค่า → หน้าจอ)',
  'screens.pair.crossSite': 'ปฏิเสธ: คำขอนี้ไม่ได้มาจากหน้าของ kitchen bridge เอง',
  'screens.pair.notFound': 'ไม่พบ',

  'screens.admin.codeMade': 'พิมพ์รหัสนี้ที่หน้าจอภายใน {minutes, plural, other {# นาที}} ใช้ได้ครั้งเดียว',
  'screens.admin.screensOff': 'เปิดใช้หน้าจอ LAN แล้วบันทึกก่อน',
  'screens.admin.unknownStation': 'ไม่มีเครื่องพิมพ์ "{station}": เลือกเครื่องพิมพ์ของสถานี',
  'screens.admin.revoked': 'ลบหน้าจอแล้ว: หน้าจอนั้นจะไม่เห็นออเดอร์อีก',
  'screens.admin.noSuchScreen': 'ไม่มีหน้าจอนี้ (อาจถูกลบไปแล้ว)',

  'screens.refused.any': 'หน้าจอนี้ทำสิ่งนี้ไม่ได้: ใช้เครื่องที่เคาน์เตอร์',
  'screens.refused.settings': 'การตั้งค่าอยู่ที่เครื่องเคาน์เตอร์: หน้าจอนี้เปิดไม่ได้',
  'screens.refused.expo': 'หน้าจอ expo ทำเครื่องหมายว่าพร้อมและส่งมอบแล้วเท่านั้น รับหรือปฏิเสธออเดอร์ที่เคาน์เตอร์',
  'screens.refused.station': 'หน้าจอสถานีทำเครื่องหมายพร้อมได้เฉพาะรายการของตัวเอง',
  'screens.refused.tooBusy': 'หน้าจอนี้ส่งคำขอมากเกินไปในครั้งเดียว: รอสักครู่แล้วลองใหม่',
};
