import { checkProps, SAVE_CARD_CHECKBOX_PROPS } from './checkProps.ts';
import type { SavedCardsText } from './locales/types.ts';

declare const process: { env: { NODE_ENV?: string } };

/** Props of `FlittSaveCardCheckbox`. */
export interface FlittSaveCardCheckboxProps {
  checked: boolean;
  onChange: (checked: boolean) => void;
  /** The label in the provider's language: `kaSavedCards` (only its `saveCard` is read). */
  texts: Pick<SavedCardsText, 'saveCard'>;
  className?: string;
}

/**
 * The payer's choice to keep the card for next time, controlled: pass `checked` on as the
 * checkout's `saveCard` (your server saves it for the signed-in payer once Flitt confirms it).
 *
 * @example
 * import { useState } from 'react';
 * function Checkout() {
 *   const [save, setSave] = useState(false);
 *   return (
 *     <>
 *       <FlittSaveCardCheckbox checked={save} onChange={setSave} texts={enSavedCards} />
 *       <FlittCheckoutButton order={{ cartId }} saveCard={save} />
 *     </>
 *   );
 * }
 */
export function FlittSaveCardCheckbox(props: FlittSaveCardCheckboxProps) {
  if (process.env.NODE_ENV !== 'production')
    checkProps('FlittSaveCardCheckbox', props, SAVE_CARD_CHECKBOX_PROPS);
  const { checked, onChange, texts, className } = props;
  return (
    <label className={className ? `flitt-save-card ${className}` : 'flitt-save-card'}>
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.currentTarget.checked)}
      />
      {texts.saveCard}
    </label>
  );
}
