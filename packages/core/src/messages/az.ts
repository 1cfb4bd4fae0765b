import type { PayerMessages } from '../payerMessages.ts';

/**
 * Azerbaijani payer messages in the Latin script, addressed to the payer with the formal «Siz».
 * Translated from the English texts by an AI assistant (Claude, by Anthropic) for flitt-checkout in
 * December 2026; not yet reviewed by a native speaker.
 *
 * @example
 * az.insufficient_funds; // 'Kartda kifayət qədər vəsait yoxdur. …'
 */
export const az: PayerMessages = {
  approved: 'Təşəkkür edirik! Ödənişiniz qəbul edildi.',
  processing: 'Ödəniş hələ emal olunur. Zəhmət olmasa, bir az gözləyin və təkrar ödəməyin.',
  awaiting_transfer:
    'Ödəniş qəbzi yaradıldı. Bank köçürməniz daxil olan kimi sifariş ödənilmiş sayılacaq.',
  cancelled: 'Ödəniş ləğv edildi. Hazır olduğunuz zaman yenidən cəhd edə bilərsiniz.',
  expired:
    'Ödəniş sessiyasının vaxtı bitdi. Zəhmət olmasa, mağazaya qayıdın və ödənişə yenidən başlayın.',
  already_paid: 'Bu sifariş artıq ödənilib. Yenidən ödəməyinizə ehtiyac yoxdur.',
  network_error:
    'Mağaza ilə əlaqə qurmaq mümkün olmadı. İnternet bağlantısını yoxlayın və yenidən cəhd edin.',
  timeout: 'Ödəniş vaxtında tamamlanmadı. Zəhmət olmasa, bir azdan yenidən cəhd edin.',
  unknown_error:
    'Ödəniş zamanı problem yarandı. Sonra yenidən cəhd edin və ya mağaza ilə əlaqə saxlayın.',
  invalid_card_number: 'Kart nömrəsi yanlışdır. Zəhmət olmasa, onu yoxlayın və yenidən cəhd edin.',
  invalid_expiry:
    'Kartın etibarlılıq müddəti yanlışdır. Zəhmət olmasa, onu yoxlayın və yenidən cəhd edin.',
  invalid_cvv:
    'Təhlükəsizlik kodu (CVV/CVC) yanlışdır. Kartın arxasındakı kodu yoxlayın və yenidən cəhd edin.',
  invalid_details:
    'Daxil etdiyiniz məlumatların bəziləri yanlışdır. Zəhmət olmasa, onları yoxlayıb yenidən cəhd edin.',
  authentication_failed:
    'Bankınız ödənişi təsdiqləmədi. Yenidən cəhd edin və bankın təsdiq addımını tamamlayın.',
  authentication_unavailable:
    'Bankınızın təsdiq xidməti cavab vermir. Zəhmət olmasa, bir neçə dəqiqədən sonra yenidən cəhd edin.',
  cookies_disabled:
    'Brauzeriniz ödəniş üçün lazım olan kukiləri bloklayır. Kukilərə icazə verin və yenidən cəhd edin.',
  card_declined:
    'Ödəniş rədd edildi. Zəhmət olmasa, başqa kartdan və ya ödəniş üsulundan istifadə edin.',
  insufficient_funds:
    'Kartda kifayət qədər vəsait yoxdur. Başqa kartdan və ya ödəniş üsulundan istifadə edin.',
  limit_exceeded:
    'Kartın limiti dolub və ya onlayn ödənişlər söndürülüb. Başqa kartdan istifadə edin və ya bankla əlaqə saxlayın.',
  card_blocked:
    'Bu kartla ödəniş etmək mümkün deyil. Başqa kartdan istifadə edin və ya bankınızla əlaqə saxlayın.',
  card_not_supported:
    'Mağaza bu növ kartları qəbul etmir. Zəhmət olmasa, başqa kartdan və ya ödəniş üsulundan istifadə edin.',
  contact_bank:
    'Bankınız ödənişi rədd etdi. Bankınızla əlaqə saxlayın və ya başqa kartdan istifadə edin.',
  security_declined:
    'Ödəniş təhlükəsizlik səbəbindən rədd edildi. Başqa kartdan və ya ödəniş üsulundan istifadə edin.',
  too_many_attempts:
    'Həddindən çox ödəniş cəhdi edilib. Başqa kartdan istifadə edin və ya sonra yenidən cəhd edin.',
  authentication_required:
    'Bu ödəniş bank təsdiqi tələb edir, lakin bu kart onu dəstəkləmir. Başqa kartdan istifadə edin.',
  shop_error:
    'Mağaza hazırda ödəniş qəbul edə bilmir. Sonra yenidən cəhd edin və ya mağaza ilə əlaqə saxlayın.',
  service_error:
    'Ödəniş xidməti müvəqqəti olaraq əlçatan deyil. Zəhmət olmasa, sonra yenidən cəhd edin.',
  payment_not_found: 'Bu ödəniş tapılmadı. Linki yoxlayın və ya mağazaya qayıdıb yenidən başlayın.',
  sign_in_required:
    'Kartı yadda saxlamaq və ya yadda saxlanmış kartla ödəmək üçün hesabınıza daxil olun.',
  saved_card_unusable:
    'Bu yadda saxlanmış kartdan artıq istifadə etmək mümkün deyil. Kart məlumatlarını yenidən daxil edin.',
  card_verified:
    'Kartınız yoxlanıldı və yadda saxlanıldı. Yoxlama üçün bloklanan məbləğ karta qaytarılacaq.',
};
