import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const vi: Translation<typeof en> = {
  'screens.grantUnknown': 'Màn hình này không biết phải hiển thị gì ({why}). Kiểm tra máy quầy đã bật chưa, rồi tải lại trang.',
  'screens.station': 'Trạm',
  'screens.languageChoose': 'Chọn ngôn ngữ cho màn hình này',

  'screens.expo.name': 'Expo',
  'screens.expo.cooking': 'Trong bếp',
  'screens.expo.ready': 'Sẵn sàng giao',
  'screens.expo.noneCooking': 'Bếp đang trống. Đơn mới sẽ hiện ở đây ngay khi đến.',
  'screens.expo.noneReady': 'Không có đơn nào chờ lấy.',
  'screens.expo.waitingAccept': 'Chưa nhận đơn: quầy sẽ nhận',
  'screens.expo.void': 'ĐÃ HỦY — không giao',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: đang nấu',
  'screens.expo.allStationsDone': 'Các trạm đã xong: kiểm tra túi rồi bấm Sẵn sàng',
  'screens.expo.moreLines': '+{count} món nữa',

  'screens.pickup.title': 'Lấy món',
  'screens.pickup.ready': 'Sẵn sàng — mời nhận',
  'screens.pickup.preparing': 'Đang chuẩn bị',
  'screens.pickup.noneReady': 'Chưa có đơn nào sẵn sàng',
  'screens.pickup.more': '+{count} đơn nữa',

  'screens.link.unreachable': 'Không kết nối được máy quầy — có thể thiếu đơn ở đây',
  'screens.link.retrying': 'Đang thử lại…',
  'screens.link.callFailed': 'Không kết nối được máy quầy: thử lại khi màn hình này đã kết nối.',

  'screens.pair.pageTitle': 'Ghép nối màn hình này',
  'screens.pair.heading': 'Ghép nối màn hình này với bếp',
  'screens.pair.explain': 'Trên máy quầy, mở Cài đặt → Màn hình, chọn nội dung màn hình này hiển thị rồi bấm “Tạo mã ghép nối”. Nhập mã vào đây.',
  'screens.pair.codeLabel': 'Mã ghép nối',
  'screens.pair.submit': 'Ghép nối',
  'screens.pair.wrong': 'Mã không đúng hoặc đã được dùng. Tạo mã mới trên máy quầy.',
  'screens.pair.expired': 'Mã đã hết hạn (mã chỉ dùng được vài phút). Tạo mã mới trên máy quầy.',
  'screens.pair.tooMany': 'Màn hình này đã thử quá nhiều lần. Đợi một phút rồi thử lại với mã mới.',
  'screens.pair.foreignHost': 'Địa chỉ này không phải kitchen bridge. Mở bridge bằng địa chỉ riêng của nó (trong Cài đặt → Màn hình).',
  'screens.pair.crossSite': 'Bị từ chối: yêu cầu không đến từ trang của chính kitchen bridge.',
  'screens.pair.notFound': 'Không tìm thấy.',

  'screens.admin.codeMade': 'Nhập mã này trên màn hình trong vòng {minutes, plural, other {# phút}}. Mã chỉ dùng một lần.',
  'screens.admin.screensOff': 'Hãy bật màn hình LAN và lưu trước.',
  'screens.admin.unknownStation': 'Không có máy in "{station}": hãy chọn máy in của trạm.',
  'screens.admin.revoked': 'Đã gỡ màn hình: màn hình đó không còn xem được đơn.',
  'screens.admin.noSuchScreen': 'Không có màn hình này (có thể đã bị gỡ).',

  'screens.refused.any': 'Màn hình này không làm được việc đó: hãy dùng máy quầy.',
  'screens.refused.settings': 'Cài đặt nằm trên máy quầy: màn hình này không mở được.',
  'screens.refused.expo': 'Màn hình expo chỉ đánh dấu đơn xong và đã lấy; nhận hoặc từ chối đơn tại quầy.',
  'screens.refused.station': 'Màn hình trạm chỉ đánh dấu xong các món của trạm mình.',
  'screens.refused.tooBusy': 'Màn hình này gửi quá nhiều cùng lúc: đợi một chút rồi thử lại.',
};
