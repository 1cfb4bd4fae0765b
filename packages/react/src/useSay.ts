import { useQuery } from '@tanstack/react-query';
import { useFlittContext } from './FlittProvider.tsx';
import type { Sayable } from './say.ts';
import { PAYER_TEXTS } from './texts.ts';

const silent = () => '';

/**
 * The payer message for a state, Flitt code or message key in the provider's language. The
 * messages (and the code table) load the first time `needed` is true: the approved path never
 * fetches them. '' until they arrive, or if they cannot load.
 */
export function useSay(needed: boolean): (subject: Sayable) => string {
  const { locale, messages } = useFlittContext('useSay');
  const { data } = useQuery({
    queryKey: ['@flitt-checkout/say', locale, Boolean(messages)],
    queryFn: () =>
      Promise.all([import('./say.ts'), messages?.payer ?? PAYER_TEXTS[locale]()]).then(
        ([module, payer]) => module.sayWith(payer),
      ),
    enabled: needed,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
    retry: 2,
  });
  return data ?? silent;
}
