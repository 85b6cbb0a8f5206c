import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const th: Translation<typeof en> = {
  'cli.usage': 'วิธีใช้: {synopsis}',
  'cli.badArguments': 'อ่านอาร์กิวเมนต์เหล่านี้ไม่ได้: {error}',
  'cli.badLanguage': '--lang: "{value}" ไม่ใช่ภาษาที่ bridge รองรับ ใช้ภาษาใดภาษาหนึ่งต่อไปนี้ {languages}',
  'cli.bridge.missingConfig': 'ไม่มี --config FILE (หรือ BRIDGE_CONFIG)',
  'cli.bridge.badPort': '--health-port: ต้องเป็นหมายเลขพอร์ต แต่ได้ "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: ต้องเป็นจำนวนเต็มบวก',
  'cli.bridge.badDiagnostics': '--diagnostics: ต้องเป็นพาธที่ลงท้ายด้วย .zip แต่ได้ "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: ต้องเป็นพาธที่ลงท้ายด้วย .csv แต่ได้ "{value}"',
  'cli.bridge.badDays': '--days: ต้องเป็นจำนวนวันเต็มตั้งแต่ 1 ถึง {max}',
  'cli.bridge.daysAlone': '--days ใช้คู่กับ --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'ใช้ --pair, --screens หรือ --revoke-screen ได้ครั้งละหนึ่งอย่าง',
  'cli.bridge.databaseUnopened': 'เปิดฐานข้อมูลของ bridge ไม่ได้: {error}',
  'cli.printers.none': 'ไม่พบเครื่องพิมพ์บนคอมพิวเตอร์นี้ (ไม่มีคิว CUPS, เครื่องพิมพ์ Windows, พอร์ตอนุกรม หรือ /dev/usb/lp*) เครื่องพิมพ์เครือข่ายใช้ tcp://ADDRESS:9100',
  'cli.printers.serialSpeed': 'ตรวจสอบ baud rate ของเครื่องพิมพ์ (ที่ใช้บ่อยคือ 9600 และ 115200)',
  'cli.printers.badType': '--type ต้องเป็น epson หรือ star แต่ได้ "{value}"',
  'cli.printers.badWidth': '--width ต้องเป็น 48 หรือ 32 แต่ได้ "{value}"',
};
