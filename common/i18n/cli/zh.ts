import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const zh: Translation<typeof en> = {
  'cli.usage': '用法：{synopsis}',
  'cli.badArguments': '无法读取这些参数：{error}',
  'cli.badLanguage': '--lang："{value}" 不是 bridge 支持的语言；请使用以下之一：{languages}',
  'cli.bridge.missingConfig': '缺少 --config FILE（或 BRIDGE_CONFIG）',
  'cli.bridge.badPort': '--health-port：应为端口号，收到的是 "{value}"',
  'cli.bridge.badLogMs': '--health-log-ms：应为正整数',
  'cli.bridge.badDiagnostics': '--diagnostics：应为以 .zip 结尾的路径，收到的是 "{value}"',
  'cli.bridge.badDayNumbers': '--day-numbers：应为以 .csv 结尾的路径，收到的是 "{value}"',
  'cli.bridge.badDays': '--days：应为 1 到 {max} 之间的整数天数',
  'cli.bridge.daysAlone': '--days 需与 --day-numbers OUT.csv 一起使用',
  'cli.bridge.oneScreensCommand': '--pair、--screens 和 --revoke-screen 每次只能用一个',
  'cli.bridge.databaseUnopened': '无法打开 bridge 数据库：{error}',
  'cli.printers.none': '这台电脑上没有找到打印机（没有 CUPS 队列、Windows 打印机、串口或 /dev/usb/lp*）。网络打印机写作 tcp://地址:9100。',
  'cli.printers.serialSpeed': '请检查打印机的波特率（常见为 9600 和 115200）',
  'cli.printers.badType': '--type 必须是 epson 或 star，收到的是 "{value}"',
  'cli.printers.badWidth': '--width 必须是 48 或 32，收到的是 "{value}"',
};
