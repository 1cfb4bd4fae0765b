import type { PayerMessages } from '../payerMessages.ts';

/**
 * Uzbek payer messages in the Latin script (with ʻ in oʻ, gʻ and ʼ for the tutuq belgisi),
 * addressed to the payer with the formal «Siz». Translated from the English texts by an AI
 * assistant (Claude, by Anthropic) for flitt-checkout in December 2026; not yet reviewed by a
 * native speaker.
 *
 * @example
 * uz.insufficient_funds; // 'Kartada mablagʻ yetarli emas. …'
 */
export const uz: PayerMessages = {
  approved: 'Rahmat! Toʻlovingiz qabul qilindi.',
  processing: 'Toʻlov hali qayta ishlanmoqda. Iltimos, biroz kuting va qayta toʻlamang.',
  awaiting_transfer:
    'Toʻlov kvitansiyasi yaratildi. Bank oʻtkazmangiz kelib tushgach, buyurtma toʻlangan boʻladi.',
  cancelled: 'Toʻlov bekor qilindi. Tayyor boʻlganingizda qaytadan urinib koʻrishingiz mumkin.',
  expired: 'Toʻlov vaqti tugadi. Iltimos, doʻkonga qayting va toʻlovni qaytadan boshlang.',
  already_paid: 'Bu buyurtma allaqachon toʻlangan. Qayta toʻlashingiz shart emas.',
  network_error:
    'Doʻkon bilan bogʻlanib boʻlmadi. Iltimos, internet aloqasini tekshiring va qaytadan urinib koʻring.',
  timeout: 'Toʻlov oʻz vaqtida yakunlanmadi. Iltimos, birozdan soʻng qaytadan urinib koʻring.',
  unknown_error:
    'Toʻlovda xatolik yuz berdi. Iltimos, keyinroq urinib koʻring yoki doʻkonga murojaat qiling.',
  invalid_card_number: 'Karta raqami notoʻgʻri. Iltimos, uni tekshirib, qaytadan urinib koʻring.',
  invalid_expiry:
    'Kartaning amal qilish muddati notoʻgʻri. Iltimos, uni tekshirib, qaytadan urinib koʻring.',
  invalid_cvv:
    'Xavfsizlik kodi (CVV/CVC) notoʻgʻri. Karta orqasidagi kodni tekshirib, qaytadan urinib koʻring.',
  invalid_details:
    'Kiritilgan maʼlumotlarning bir qismi notoʻgʻri. Iltimos, ularni tekshirib, qaytadan urinib koʻring.',
  authentication_failed:
    'Bankingiz toʻlovni tasdiqlamadi. Qaytadan urinib koʻring va bankning tasdiqlash bosqichini yakunlang.',
  authentication_unavailable:
    'Bankingizning tasdiqlash xizmati javob bermayapti. Iltimos, bir necha daqiqadan soʻng urinib koʻring.',
  cookies_disabled:
    'Brauzeringiz toʻlov uchun zarur cookie fayllarini bloklamoqda. Ularga ruxsat bering va qaytadan urinib koʻring.',
  card_declined:
    'Toʻlov rad etildi. Iltimos, boshqa karta yoki boshqa toʻlov usulidan foydalaning.',
  insufficient_funds:
    'Kartada mablagʻ yetarli emas. Iltimos, boshqa karta yoki toʻlov usulidan foydalaning.',
  limit_exceeded:
    'Karta limiti tugagan yoki onlayn toʻlovlar oʻchirilgan. Boshqa kartadan foydalaning yoki bankka murojaat qiling.',
  card_blocked:
    'Bu karta bilan toʻlov qilib boʻlmaydi. Boshqa kartadan foydalaning yoki bankingizga murojaat qiling.',
  card_not_supported:
    'Doʻkon bu turdagi kartalarni qabul qilmaydi. Iltimos, boshqa karta yoki toʻlov usulidan foydalaning.',
  contact_bank:
    'Bankingiz toʻlovni rad etdi. Iltimos, bankingizga murojaat qiling yoki boshqa kartadan foydalaning.',
  security_declined:
    'Toʻlov xavfsizlik nuqtai nazaridan rad etildi. Boshqa karta yoki toʻlov usulidan foydalaning.',
  too_many_attempts:
    'Toʻlov urinishlari juda koʻp boʻldi. Boshqa kartadan foydalaning yoki keyinroq urinib koʻring.',
  authentication_required:
    'Bu toʻlov uchun bank tasdigʻi kerak, ammo bu karta uni qoʻllab-quvvatlamaydi. Boshqa kartadan foydalaning.',
  shop_error:
    'Doʻkon hozir toʻlovlarni qabul qila olmaydi. Keyinroq urinib koʻring yoki doʻkonga murojaat qiling.',
  service_error: 'Toʻlov xizmati vaqtincha ishlamayapti. Iltimos, keyinroq urinib koʻring.',
  payment_not_found:
    'Bu toʻlov topilmadi. Havolani tekshiring yoki doʻkonga qaytib, qaytadan boshlang.',
  sign_in_required: 'Kartani saqlash yoki saqlangan karta bilan toʻlash uchun hisobingizga kiring.',
  saved_card_unusable:
    'Bu saqlangan kartadan endi foydalanib boʻlmaydi. Iltimos, karta maʼlumotlarini qaytadan kiriting.',
  card_verified:
    'Kartangiz tekshirildi va saqlandi. Tekshiruv uchun band qilingan summa kartaga qaytariladi.',
};
