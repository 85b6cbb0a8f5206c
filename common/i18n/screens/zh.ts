import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const zh: Translation<typeof en> = {
  'screens.grantUnknown': '此屏幕无法确定要显示的内容（{why}）。请确认收银台电脑已开启，然后重新加载页面。',
  'screens.station': '工位',
  'screens.languageChoose': '选择此屏幕的语言',

  'screens.expo.name': '出餐口',
  'screens.expo.cooking': '厨房制作中',
  'screens.expo.ready': '待交付',
  'screens.expo.noneCooking': '厨房暂无订单。新订单一到就会显示在这里。',
  'screens.expo.noneReady': '没有等待取餐的订单。',
  'screens.expo.waitingAccept': '尚未接单：由收银台接单',
  'screens.expo.void': '已取消 — 请勿交付',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}：制作中',
  'screens.expo.allStationsDone': '各工位已完成：检查袋子后按“出餐”',
  'screens.expo.moreLines': '还有 {count} 项',

  'screens.pickup.title': '取餐',
  'screens.pickup.ready': '已完成 — 请取餐',
  'screens.pickup.preparing': '制作中',
  'screens.pickup.noneReady': '暂无完成的订单',
  'screens.pickup.more': '还有 {count} 单',

  'screens.link.unreachable': '无法连接收银台电脑 — 此处可能缺少订单',
  'screens.link.retrying': '正在重试…',
  'screens.link.callFailed': '无法连接收银台电脑：请在此屏幕连上后重试。',

  'screens.pair.pageTitle': '配对此屏幕',
  'screens.pair.heading': '将此屏幕与厨房配对',
  'screens.pair.explain': '在收银台电脑上打开 设置 → 屏幕，选择此屏幕显示的内容并按“生成配对码”。在此输入配对码。',
  'screens.pair.codeLabel': '配对码',
  'screens.pair.submit': '配对',
  'screens.pair.wrong': '配对码不正确或已被使用。请在收银台电脑上生成新的配对码。',
  'screens.pair.expired': '配对码已过期（仅几分钟有效）。请在收银台电脑上生成新的配对码。',
  'screens.pair.tooMany': '此屏幕尝试次数过多。请等一分钟，再用新的配对码重试。',
  'screens.pair.foreignHost': '此地址不是 kitchen bridge。请用其自身地址打开（见 设置 → 屏幕）。',
  'screens.pair.crossSite': '已拒绝：请求并非来自 kitchen bridge 自己的页面。',
  'screens.pair.notFound': '未找到。',

  'screens.admin.codeMade': '请在 {minutes, plural, other {# 分钟}}内在屏幕上输入此码。仅可使用一次。',
  'screens.admin.screensOff': '请先开启局域网屏幕并保存。',
  'screens.admin.unknownStation': '没有打印机“{station}”：请选择工位打印机。',
  'screens.admin.revoked': '屏幕已移除：它将无法再看到订单。',
  'screens.admin.noSuchScreen': '没有此屏幕（可能已被移除）。',

  'screens.refused.any': '此屏幕无法执行该操作：请使用收银台电脑。',
  'screens.refused.settings': '设置在收银台电脑上：此屏幕无法打开。',
  'screens.refused.expo': '出餐屏只能标记出餐和已取餐；接单或拒单请在收银台操作。',
  'screens.refused.station': '工位屏只能将自己的菜品标记为完成。',
  'screens.refused.tooBusy': '此屏幕一次发送了太多请求：请稍候再试。',
};
