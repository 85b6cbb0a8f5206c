import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ar: Translation<typeof en> = {
  'cli.usage': 'الاستخدام: {synopsis}',
  'cli.badArguments': 'تعذّرت قراءة هذه الوسائط: {error}',
  'cli.badLanguage': '--lang: "{value}" ليست لغة يتحدثها النظام؛ استخدم إحدى هذه: {languages}',
  'cli.bridge.missingConfig': '‏--config FILE (أو BRIDGE_CONFIG) غير موجود',
  'cli.bridge.badPort': '--health-port: يجب أن يكون رقم منفذ، لكن القيمة "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms: يجب أن يكون عددًا صحيحًا موجبًا',
  'cli.bridge.badDiagnostics': '--diagnostics: يجب أن يكون مسارًا ينتهي بـ.zip، لكن القيمة "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers: يجب أن يكون مسارًا ينتهي بـ.csv، لكن القيمة "{value}"',
  'cli.bridge.badDays': '--days: يجب أن يكون عدد أيام صحيحًا من 1 إلى {max}',
  'cli.bridge.daysAlone': '‏--days يُستخدم مع --day-numbers OUT.csv',
  'cli.bridge.oneScreensCommand': 'استخدم واحدًا فقط من --pair و--screens و--revoke-screen في كل مرة',
  'cli.bridge.databaseUnopened': 'تعذّر فتح قاعدة بيانات النظام: {error}',
  'cli.printers.none': 'لم يُعثر على طابعة في هذا الحاسوب (لا طابور CUPS ولا طابعة Windows ولا منفذ تسلسلي ولا /dev/usb/lp*). الطابعات الشبكية بالشكل tcp://ADDRESS:9100.',
  'cli.printers.serialSpeed': 'تحقّق من سرعة baud للطابعة (الشائع 9600 و115200)',
  'cli.printers.badType': 'يجب أن يكون --type هو epson أو star، لكن القيمة "{value}"',
  'cli.printers.badWidth': 'يجب أن يكون --width هو 48 أو 32، لكن القيمة "{value}"',
};
