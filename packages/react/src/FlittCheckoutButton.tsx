import { isProblem, redirectFlow, withPrefetch } from '@flitt-checkout/core/checkout';
import {
  type ButtonHTMLAttributes,
  cloneElement,
  isValidElement,
  type ReactElement,
  type ReactNode,
} from 'react';
import { BUTTON_PROPS, checkProps } from './checkProps.ts';
import { useFlittContext } from './FlittProvider.tsx';
import { ProblemAlert } from './ProblemAlert.tsx';
import {
  type FlittCheckout,
  type UseFlittCheckoutOptions,
  useCheckout,
} from './useFlittCheckout.ts';

declare const process: { env: { NODE_ENV?: string } };

type Base = Omit<
  ButtonHTMLAttributes<HTMLButtonElement>,
  'children' | 'onClick' | 'onError' | 'type'
> &
  Omit<UseFlittCheckoutOptions, 'flow'>;

/** Props of `FlittCheckoutButton`: exactly one way to render the trigger. */
export type FlittCheckoutButtonProps = Base & {
  /** Your order reference (cart id, items …): sent to your server, which decides the amount. */
  order: unknown;
  /** `intent` creates the order on hover or focus, so the click leaves at once. Default `none`. */
  prefetch?: 'intent' | 'none';
} & (
    | { children?: ReactNode; asChild?: false; render?: never }
    | { asChild: true; children: ReactElement; render?: never }
    | { render: (checkout: FlittCheckout) => ReactNode; children?: never; asChild?: never }
  );

/**
 * A button that creates the order through your server and sends the payer to Flitt's hosted page;
 * declines and errors appear inline, in the payer's language, with a retry.
 *
 * @example
 * <FlittCheckoutButton order={{ cartId }} prefetch="intent" onError={(s) => log(s.status === 'failed' ? s.code : s.status)}>
 *   Pay 23.50 ₾
 * </FlittCheckoutButton>
 */
export function FlittCheckoutButton(props: FlittCheckoutButtonProps) {
  if (process.env.NODE_ENV !== 'production') checkProps('FlittCheckoutButton', props, BUTTON_PROPS);
  // The checkout's own props (callbacks, saveCard) are read by useCheckout; taken out of `rest`
  // here only to keep them off the <button>.
  const {
    order,
    prefetch = 'none',
    onApproved,
    onDeclined,
    onError,
    saveCard,
    asChild,
    render,
    children,
    className,
    ...rest
  } = props;
  const { ui, theme } = useFlittContext('FlittCheckoutButton');
  const checkout = useCheckout(redirectFlow, props, withPrefetch);
  const { state, busy } = checkout;

  const intent = prefetch === 'intent' ? () => checkout.prefetch(order) : undefined;
  const triggerProps = {
    onClick: () => checkout.start(order),
    onPointerEnter: intent,
    onFocus: intent,
    // Not `disabled`: a disabled button drops the keyboard focus to the page; a click while busy
    // changes nothing anyway (one attempt at a time).
    'aria-disabled': busy,
    'aria-busy': busy,
  };
  const label = children ?? ui.pay;
  let trigger: ReactNode;
  if (render) trigger = render(checkout);
  else if (asChild && isValidElement(children)) {
    // Compose with the child's own handlers instead of replacing them.
    const own = (children as ReactElement<Record<string, unknown>>).props;
    const both = (ours: (() => void) | undefined, theirs: unknown) => (event: unknown) => {
      if (typeof theirs === 'function') theirs(event);
      ours?.();
    };
    trigger = cloneElement(children as ReactElement<Record<string, unknown>>, {
      ...triggerProps,
      onClick: both(triggerProps.onClick, own.onClick),
      onPointerEnter: both(intent, own.onPointerEnter),
      onFocus: both(intent, own.onFocus),
      disabled: own.disabled,
    });
  } else
    trigger = (
      <button type="button" className="flitt-button" {...rest} {...triggerProps}>
        {label}
      </button>
    );

  return (
    <div
      className={className ? `flitt-checkout ${className}` : 'flitt-checkout'}
      data-flitt-theme={theme}
      data-status={state.status}
    >
      {trigger}
      <div className="flitt-status" role="status" aria-live="polite">
        {state.status === 'creating'
          ? ui.creating
          : state.status === 'redirecting'
            ? ui.redirecting
            : ''}
      </div>
      {isProblem(state) ? (
        <ProblemAlert message={state.message} ui={ui} onRetry={() => checkout.start(order)} />
      ) : null}
    </div>
  );
}
