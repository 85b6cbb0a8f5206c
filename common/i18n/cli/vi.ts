import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const vi: Translation<typeof en> = {
  'cli.usage': 'cách dùng: {synopsis}',
  'cli.badArguments': 'Không đọc được các tham số này: {error}',
  'cli.badLanguage': '--lang: "{value}" không phải ngôn ngữ bridge hỗ trợ; hãy dùng một trong {languages}',
  'cli.bridge.missingConfig': 'thiếu --config FILE (hoặc BRIDGE_CONFIG)',
  'cli.bridge.badPort': '--health-port: cần số cổng, nhận được "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: cần số nguyên dương',
  'cli.bridge.badDiagnostics': '--diagnostics: cần đường dẫn kết thúc bằng .zip, nhận được "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: cần đường dẫn kết thúc bằng .csv, nhận được "{value}"',
  'cli.bridge.badDays': '--days: cần số ngày nguyên từ 1 đến {max}',
  'cli.bridge.daysAlone': '--days đi kèm với --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'mỗi lần chỉ dùng một trong --pair, --screens và --revoke-screen',
  'cli.bridge.databaseUnopened': 'không mở được cơ sở dữ liệu của bridge: {error}',
  'cli.printers.none': 'Không tìm thấy máy in trên máy tính này (không có hàng đợi CUPS, máy in Windows, cổng nối tiếp hay /dev/usb/lp*). Máy in mạng có dạng tcp://ĐỊA_CHỈ:9100.',
  'cli.printers.serialSpeed': 'kiểm tra tốc độ baud của máy in (thường là 9600 và 115200)',
  'cli.printers.badType': '--type phải là epson hoặc star, nhận được "{value}"',
  'cli.printers.badWidth': '--width phải là 48 hoặc 32, nhận được "{value}"',
};
