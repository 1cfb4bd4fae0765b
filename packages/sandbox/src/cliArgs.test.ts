import { describe, expect, it } from 'vitest';
import { CliUsageError, parseCli } from './cliArgs.ts';

describe('parseCli --merchant', () => {
  const merchants = (...specs: string[]) => {
    const command = parseCli(
      specs.flatMap((spec) => ['--merchant', spec]),
      {},
    );
    return command.command === 'start' ? command.merchants : [];
  };

  it('takes a merchant with or without currencies, saved cards allowed by default', () => {
    expect(merchants('1700001:secret', '1700002:key2:GEL,USD')).toEqual([
      { merchantId: 1700001, secretKey: 'secret' },
      { merchantId: 1700002, secretKey: 'key2', currencies: ['GEL', 'USD'] },
    ]);
  });

  it('takes :no-recurring for a merchant without saved cards (1059 / 1060)', () => {
    expect(merchants('1700001:secret:no-recurring', '1700002:key2:GEL:no-recurring')).toEqual([
      { merchantId: 1700001, secretKey: 'secret', recurring: false },
      { merchantId: 1700002, secretKey: 'key2', currencies: ['GEL'], recurring: false },
    ]);
    // A key may still read "no-recurring": only a fourth or third part is the flag.
    expect(merchants('1700003:no-recurring')).toEqual([
      { merchantId: 1700003, secretKey: 'no-recurring' },
    ]);
  });

  it('takes a payout key and a payout IP allow-list (:credit=KEY, :payout-ips=IP,IP)', () => {
    expect(
      merchants(
        '1700001:secret:GEL:credit=payout-key:payout-ips=127.0.0.1,10.0.0.2',
        '1700002:k:credit=c:no-split',
      ),
    ).toEqual([
      {
        merchantId: 1700001,
        secretKey: 'secret',
        currencies: ['GEL'],
        creditKey: 'payout-key',
        payoutIps: ['127.0.0.1', '10.0.0.2'],
      },
      { merchantId: 1700002, secretKey: 'k', creditKey: 'c', split: false },
    ]);
  });

  it('takes :no-split for a merchant without split payments (1106), with or after :no-recurring', () => {
    expect(merchants('1700001:secret:no-split', '1700002:key2:GEL:no-recurring:no-split')).toEqual([
      { merchantId: 1700001, secretKey: 'secret', split: false },
      {
        merchantId: 1700002,
        secretKey: 'key2',
        currencies: ['GEL'],
        recurring: false,
        split: false,
      },
    ]);
    expect(merchants('1700003:no-split')).toEqual([{ merchantId: 1700003, secretKey: 'no-split' }]);
  });

  it('explains a misspelt flag with the expected shape', () => {
    expect(() => merchants('1700001:secret:GEL:recurring')).toThrow(CliUsageError);
    expect(() => merchants('1700001:secret:GEL:recurring')).toThrow(
      /expected ID:KEY\[:CUR,CUR\]\[:no-recurring\]/,
    );
  });
});
