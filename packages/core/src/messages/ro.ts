import type { PayerMessages } from '../payerMessages.ts';

/**
 * Romanian payer messages, as read in Moldova, addressed to the payer with the formal
 * «dumneavoastră». Translated from the English texts by an AI assistant (Claude, by Anthropic) for
 * flitt-checkout in December 2026; not yet reviewed by a native speaker.
 *
 * @example
 * ro.insufficient_funds; // 'Pe card nu sunt suficiente fonduri. …'
 */
export const ro: PayerMessages = {
  approved: 'Vă mulțumim! Plata dumneavoastră a fost primită.',
  processing:
    'Plata este încă în curs de procesare. Vă rugăm să așteptați puțin și să nu plătiți din nou.',
  awaiting_transfer:
    'Chitanța de plată a fost emisă. Comanda va fi achitată după ce sosește transferul bancar.',
  cancelled: 'Plata a fost anulată. Puteți încerca din nou oricând doriți.',
  expired: 'Sesiunea de plată a expirat. Vă rugăm să reveniți în magazin și să reluați plata.',
  already_paid: 'Această comandă a fost deja achitată. Nu este nevoie să plătiți din nou.',
  network_error:
    'Nu ne-am putut conecta la magazin. Vă rugăm să verificați conexiunea la internet și să încercați din nou.',
  timeout:
    'Plata nu a fost finalizată la timp. Vă rugăm să încercați din nou peste câteva momente.',
  unknown_error:
    'A apărut o problemă la plată. Vă rugăm să încercați mai târziu sau să contactați magazinul.',
  invalid_card_number:
    'Numărul cardului este greșit. Vă rugăm să îl verificați și să încercați din nou.',
  invalid_expiry:
    'Data de expirare este greșită. Vă rugăm să o verificați și să încercați din nou.',
  invalid_cvv:
    'Codul de securitate (CVV/CVC) este greșit. Verificați codul de pe spatele cardului și încercați din nou.',
  invalid_details:
    'Unele dintre datele introduse sunt greșite. Vă rugăm să le verificați și să încercați din nou.',
  authentication_failed:
    'Banca dumneavoastră nu a confirmat plata. Încercați din nou și finalizați pasul de confirmare al băncii.',
  authentication_unavailable:
    'Serviciul de confirmare al băncii dumneavoastră nu răspunde. Vă rugăm să reveniți peste câteva minute.',
  cookies_disabled:
    'Browserul dumneavoastră blochează modulele cookie necesare plății. Permiteți-le și încercați din nou.',
  card_declined: 'Plata a fost refuzată. Vă rugăm să folosiți alt card sau altă metodă de plată.',
  insufficient_funds:
    'Pe card nu sunt suficiente fonduri. Vă rugăm să folosiți alt card sau altă metodă de plată.',
  limit_exceeded:
    'Limita cardului a fost atinsă sau plățile online sunt dezactivate. Folosiți alt card sau contactați banca.',
  card_blocked:
    'Acest card nu poate fi folosit pentru plăți. Folosiți alt card sau contactați banca dumneavoastră.',
  card_not_supported:
    'Magazinul nu acceptă acest tip de card. Vă rugăm să folosiți alt card sau altă metodă de plată.',
  contact_bank:
    'Banca dumneavoastră a refuzat plata. Vă rugăm să contactați banca sau să folosiți alt card.',
  security_declined:
    'Plata a fost refuzată din motive de securitate. Folosiți alt card sau altă metodă de plată.',
  too_many_attempts:
    'Au fost prea multe încercări de plată. Folosiți alt card sau încercați din nou mai târziu.',
  authentication_required:
    'Această plată necesită o confirmare a băncii, pe care acest card nu o permite. Folosiți alt card.',
  shop_error:
    'Magazinul nu poate accepta plăți în acest moment. Încercați mai târziu sau contactați magazinul.',
  service_error: 'Serviciul de plată este temporar indisponibil. Vă rugăm să încercați mai târziu.',
  payment_not_found:
    'Nu am găsit această plată. Verificați linkul sau reveniți în magazin și începeți din nou.',
  sign_in_required:
    'Vă rugăm să vă autentificați pentru a salva un card sau a plăti cu un card salvat.',
  saved_card_unusable:
    'Acest card salvat nu mai poate fi folosit. Vă rugăm să introduceți din nou datele cardului.',
  card_verified:
    'Cardul dumneavoastră a fost verificat și salvat. Suma blocată pentru verificare revine pe card.',
};
