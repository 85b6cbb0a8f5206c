import type { Translation } from '../catalogue-types.js';
import type { en } from './en.js';

export const ar: Translation<typeof en> = {
  'screens.grantUnknown': 'لم تتمكن هذه الشاشة من معرفة ما تعرضه ({why}). تأكد أن كمبيوتر الكاشير يعمل، ثم أعد تحميل الصفحة.',
  'screens.station': 'المحطة',
  'screens.languageChoose': 'اختر لغة هذه الشاشة',

  'screens.expo.name': 'التجميع',
  'screens.expo.cooking': 'في المطبخ',
  'screens.expo.ready': 'جاهز للتسليم',
  'screens.expo.noneCooking': 'لا شيء في المطبخ. تظهر الطلبات الجديدة هنا فور وصولها.',
  'screens.expo.noneReady': 'لا شيء بانتظار الاستلام.',
  'screens.expo.waitingAccept': 'لم يُقبل بعد: الكاشير يقبله',
  'screens.expo.void': 'ملغى — لا تسلّمه',
  'screens.expo.stationDone': '{station} ✓',
  'screens.expo.stationCooking': '{station}: قيد الطهي',
  'screens.expo.allStationsDone': 'انتهت كل المحطات: راجع الكيس واضغط جاهز',
  'screens.expo.moreLines': '+{count} أخرى',

  'screens.pickup.title': 'استلام الطلبات',
  'screens.pickup.ready': 'جاهز — تفضل بالاستلام',
  'screens.pickup.preparing': 'قيد التحضير',
  'screens.pickup.noneReady': 'لا طلبات جاهزة بعد',
  'screens.pickup.more': '+{count} أخرى',

  'screens.link.unreachable': 'تعذر الوصول إلى كمبيوتر الكاشير — قد تنقص بعض الطلبات هنا',
  'screens.link.retrying': 'إعادة المحاولة…',
  'screens.link.callFailed': 'تعذر الوصول إلى كمبيوتر الكاشير: حاول مجددًا عند اتصال هذه الشاشة.',

  'screens.pair.pageTitle': 'اربط هذه الشاشة',
  'screens.pair.heading': 'اربط هذه الشاشة بالمطبخ',
  'screens.pair.explain': 'على كمبيوتر الكاشير افتح الإعدادات ← الشاشات، واختر ما تعرضه هذه الشاشة واضغط «إنشاء رمز إقران». اكتب الرمز هنا.',
  'screens.pair.codeLabel': 'رمز الإقران',
  'screens.pair.submit': 'إقران',
  'screens.pair.wrong': 'الرمز غير صحيح أو استُخدم من قبل. أنشئ رمزًا جديدًا على كمبيوتر الكاشير.',
  'screens.pair.expired': 'انتهت صلاحية الرمز (يصلح لبضع دقائق). أنشئ رمزًا جديدًا على كمبيوتر الكاشير.',
  'screens.pair.tooMany': 'محاولات كثيرة من هذه الشاشة. انتظر دقيقة ثم حاول برمز جديد.',
  'screens.pair.foreignHost': 'هذا العنوان ليس kitchen bridge. افتح الجسر بعنوانه الخاص (في الإعدادات ← الشاشات).',
  'screens.pair.crossSite': 'مرفوض: الطلب لم يأتِ من صفحة kitchen bridge نفسها.',
  'screens.pair.notFound': 'غير موجود.',

  'screens.admin.codeMade': 'اكتب هذا الرمز على الشاشة خلال {minutes, plural, zero {# دقيقة} one {دقيقة واحدة} two {دقيقتين} few {# دقائق} many {# دقيقة} other {# دقيقة}}. يصلح مرة واحدة.',
  'screens.admin.screensOff': 'شغّل شاشات الشبكة واحفظ أولًا.',
  'screens.admin.unknownStation': 'لا توجد طابعة "{station}": اختر طابعة محطة.',
  'screens.admin.revoked': 'أُزيلت الشاشة: لم تعد ترى الطلبات.',
  'screens.admin.noSuchScreen': 'لا توجد هذه الشاشة (ربما أُزيلت من قبل).',

  'screens.refused.any': 'لا تستطيع هذه الشاشة فعل ذلك: استخدم كمبيوتر الكاشير.',
  'screens.refused.settings': 'الإعدادات على كمبيوتر الكاشير: لا تستطيع هذه الشاشة فتحها.',
  'screens.refused.expo': 'شاشة التسليم تعلّم الطلبات جاهزة ومستلمة فقط؛ اقبلها أو ارفضها عند الكاشير.',
  'screens.refused.station': 'شاشة المحطة تعلّم أصنافها فقط كجاهزة.',
  'screens.refused.tooBusy': 'أرسلت هذه الشاشة الكثير دفعة واحدة: انتظر قليلًا ثم حاول مجددًا.',
};
