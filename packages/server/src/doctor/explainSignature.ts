import { createSignature, type FlittParams, signingValues } from '@flitt-checkout/core';

/** Why a value of ours and Flitt's differ. */
type DifferenceKind =
  | 'key_whitespace'
  | 'empty_value'
  | 'number_format'
  | 'pipe_in_value'
  | 'value_differs'
  | 'not_in_flitt'
  | 'only_in_flitt'
  | 'unsignable';

/** The conclusion: the values differ, or they agree and the key (or the signing) is left. */
interface SignatureVerdict {
  readonly kind: 'values_differ' | 'same_values' | 'signature_right' | 'signature_differs';
  readonly message: string;
}

/** One difference between the string we hash and the one Flitt hashed, and what to do. */
interface SignatureDifference {
  readonly kind: DifferenceKind;
  /** The parameter it is about, when known. */
  readonly key?: string;
  /** Our text of the value (the key masked), when we have one. */
  readonly ours?: string;
  /** Flitt's text of the value, when it has one. */
  readonly flitt?: string;
  readonly message: string;
}

/** What `explainSignature` found: both strings (the key masked) and each difference. */
export interface SignatureExplanation {
  readonly ours: string;
  readonly flitt: string;
  /** The strings agree value for value, the key text included. */
  readonly same: boolean;
  readonly differences: readonly SignatureDifference[];
  readonly verdict: SignatureVerdict;
}

/** What to explain. */
export interface ExplainInput {
  /** The request's parameters as sent (the `request` object, or the form fields), with its `signature`. */
  readonly params: Readonly<Record<string, unknown>>;
  /** Flitt's test-mode `response_signature_string` (also quoted in a 1014 error message). */
  readonly flittString: string;
  /**
   * The key the request was signed with: lets the explainer mask it, spot whitespace in it and
   * find how the request's `signature` was made. Never part of the result.
   */
  readonly secretKey?: string;
  /** The string your own signer hashed (key masked), when it is not flitt-checkout's. */
  readonly ours?: string;
}

const MASK = '**********';
const NUMBER = /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/;

interface Segment {
  readonly key?: string;
  readonly value: string;
}

async function sha1(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** A value as a signer writes it, `''` for the empty ones (which Flitt drops). */
const textOf = (value: unknown): string =>
  value === undefined || value === null ? '' : String(value as string);

/** Flitt's masking replaces every occurrence of the key, in values too (`is_test` → `is_**********`). */
const masked = (text: string, key: string | undefined) => (key ? text.split(key).join(MASK) : text);

/** Does our value (already masked, if the key is known) read as Flitt's, `**********` matching anything? */
function sameValue(ours: string, flitt: string): boolean {
  if (ours === flitt) return true;
  if (!flitt.includes(MASK)) return false;
  const pattern = flitt
    .split(MASK)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.+?');
  return new RegExp(`^${pattern}$`, 's').test(ours);
}

/** Longest common subsequence of two segment lists: the index pairs that match. */
function matches(ours: Segment[], flitt: string[]): [number, number][] {
  const rows = ours.length + 1;
  const cols = flitt.length + 1;
  const table = Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
  const at = (i: number, j: number) => table[i]?.[j] ?? 0;
  for (let i = ours.length - 1; i >= 0; i--)
    for (let j = flitt.length - 1; j >= 0; j--)
      (table[i] as number[])[j] = sameValue(ours[i]?.value ?? '', flitt[j] ?? '')
        ? at(i + 1, j + 1) + 1
        : Math.max(at(i + 1, j), at(i, j + 1));
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < ours.length && j < flitt.length) {
    if (sameValue(ours[i]?.value ?? '', flitt[j] ?? '')) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (at(i + 1, j) >= at(i, j + 1)) i++;
    else j++;
  }
  return pairs;
}

/**
 * Shows which values of a request Flitt hashed differently from us, and why: an empty value a
 * signer kept (Flitt drops it), a number written another way, a `|` inside a value (it splits the
 * value in two), a line break or space around the key, a value only one side has. With the key,
 * it also finds how the request's own `signature` was made. The key never appears in the result.
 * `flitt-checkout explain` prints it; it is not a package export.
 */
export async function explainSignature(input: ExplainInput): Promise<SignatureExplanation> {
  const { params, flittString } = input;
  const key = input.secretKey;
  const trimmedKey = key?.trim() || undefined;
  const differences: SignatureDifference[] = [];
  const add = (difference: SignatureDifference) => differences.push(difference);
  const sortedKeys = Object.keys(params)
    .filter((k) => k !== 'signature' && k !== 'response_signature_string')
    .sort();

  // Our segments: the string given, or the one a signer that keeps empty values made (when that
  // is what reproduces the request's signature), or flitt-checkout's.
  let ours: Segment[] | undefined;
  if (input.ours !== undefined) {
    const parts = input.ours.split('|').slice(1);
    const unused = [...sortedKeys];
    ours = parts.map((value) => {
      const index = unused.findIndex((k) =>
        sameValue(masked(textOf(params[k]), trimmedKey), value),
      );
      const [found] = index >= 0 ? unused.splice(index, 1) : [];
      return found === undefined ? { value } : { key: found, value };
    });
  } else if (key && typeof params.signature === 'string') {
    const keepsEmpty = sortedKeys.map((k) => ({ key: k, value: textOf(params[k]) }));
    const hasEmpty = keepsEmpty.some((s) => s.value === '');
    if (
      hasEmpty &&
      (await sha1([key, ...keepsEmpty.map((s) => s.value)].join('|'))) ===
        params.signature.toLowerCase()
    )
      ours = keepsEmpty;
  }
  if (ours === undefined) {
    ours = [];
    for (const k of sortedKeys) {
      try {
        const [value] = signingValues({ [k]: params[k] } as FlittParams);
        if (value !== undefined) ours.push({ key: k, value });
      } catch (error) {
        add({
          kind: 'unsignable',
          key: k,
          message: `${k}: ${error instanceof Error ? error.message.replace(/^\[flitt-checkout\] [^:]*: /, '') : String(error)}`,
        });
      }
    }
  }

  // The key: Flitt's string starts with it masked; ours shows any whitespace around it.
  const keyShown =
    key === undefined
      ? MASK
      : `${key.slice(0, key.indexOf(key.trim()))}${MASK}${key.slice(key.indexOf(key.trim()) + key.trim().length)}`;
  if (key !== undefined && key !== key.trim())
    add({
      kind: 'key_whitespace',
      ours: keyShown,
      flitt: MASK,
      message: `the secret key has ${/[\r\n]\s*$/.test(key) ? 'a trailing line break' : 'whitespace around it'} (${JSON.stringify(keyShown)}): it is hashed too, so every signature differs from Flitt's. Trim the key where it is read.`,
    });

  // A "|" inside a value is a separator to whoever reads the string: Flitt refuses it (1034).
  for (const k of sortedKeys) {
    const value = masked(textOf(params[k]), trimmedKey);
    if (value.includes('|'))
      add({
        kind: 'pipe_in_value',
        key: k,
        ours: value,
        message: `${k} contains "|", the separator of the signing string: its value reads as ${value.split('|').length} values and Flitt refuses it (1034). Remove the "|" from ${k}.`,
      });
  }
  const expanded: Segment[] = ours.flatMap((segment) =>
    masked(segment.value, trimmedKey)
      .split('|')
      .map((value) => (segment.key === undefined ? { value } : { key: segment.key, value })),
  );

  const flittParts = flittString.replace(/\r?\n$/, '').split('|');
  const flittValues = flittParts[0] === MASK ? flittParts.slice(1) : flittParts;
  const pairs = matches(expanded, flittValues);
  const name = (s: Segment | undefined) => (s?.key === undefined ? 'a value' : s.key);
  const gap = (i0: number, i1: number, j0: number, j1: number) => {
    const count = Math.max(i1 - i0, j1 - j0);
    for (let n = 0; n < count; n++) {
      const o = i0 + n < i1 ? expanded[i0 + n] : undefined;
      const f = j0 + n < j1 ? flittValues[j0 + n] : undefined;
      const base = {
        ...(o?.key === undefined ? {} : { key: o.key }),
        ...(o === undefined ? {} : { ours: o.value }),
        ...(f === undefined ? {} : { flitt: f }),
      };
      if (
        o &&
        f !== undefined &&
        NUMBER.test(o.value) &&
        NUMBER.test(f) &&
        Number(o.value) === Number(f)
      )
        add({
          ...base,
          kind: 'number_format',
          message: `${name(o)}: we hash ${JSON.stringify(o.value)}, Flitt hashed ${JSON.stringify(f)}: the same number written another way. Send and sign it as the same text: integers of minor units (1000, not 10.00 or 1000.0).`,
        });
      else if (o && f !== undefined)
        add({
          ...base,
          kind: 'value_differs',
          message: `${name(o)}: we hash ${JSON.stringify(o.value)}, Flitt hashed ${JSON.stringify(f)}. Sign exactly the text you send (encoding, spaces, form vs JSON).`,
        });
      else if (o && o.value === '')
        add({
          ...base,
          kind: 'empty_value',
          message: `${name(o)} is empty: Flitt drops empty values, but your signer kept it as an empty segment ("||"). Leave out '', null and undefined when signing (createSignature does).`,
        });
      else if (o)
        add({
          ...base,
          kind: 'not_in_flitt',
          message: `${name(o)}: we hash ${JSON.stringify(o.value)}, Flitt hashed no such value: it did not receive it (another name, or lost on the way). Sign only what you send.`,
        });
      else if (f !== undefined)
        add({
          ...base,
          kind: 'only_in_flitt',
          message: `Flitt hashed ${JSON.stringify(f)}, which we do not: a parameter sent but left out of the signature. Sign every parameter you send.`,
        });
    }
  };
  let i = 0;
  let j = 0;
  for (const [pi, pj] of [...pairs, [expanded.length, flittValues.length] as [number, number]]) {
    gap(i, pi, j, pj);
    i = pi + 1;
    j = pj + 1;
  }

  const same = differences.length === 0 && flittParts[0] === MASK;
  return {
    ours: [keyShown, ...ours.map((s) => masked(s.value, trimmedKey))].join('|'),
    flitt: flittString,
    same,
    differences,
    verdict: await verdictOf(same, params, key),
  };
}

/** With the values agreed, what is left: the key, or how the signature itself was made. */
async function verdictOf(
  same: boolean,
  params: Readonly<Record<string, unknown>>,
  key: string | undefined,
): Promise<SignatureVerdict> {
  if (!same)
    return {
      kind: 'values_differ',
      message: 'Flitt hashed other text than we do: each difference says why and what to change.',
    };
  if (key === undefined || typeof params.signature !== 'string')
    return {
      kind: 'same_values',
      message:
        "Flitt hashed the same values as we do. If it still refused the signature (1014), the key differs (another merchant's key, the payout key, whitespace around it): set FLITT_SECRET_KEY to check the request's signature.",
    };
  const right = await createSignature(params as FlittParams, key);
  if (right === params.signature)
    return {
      kind: 'signature_right',
      message:
        'The request\'s signature is right for this key, over the values Flitt hashed. If Flitt still refused it (1014), Flitt holds another key for this merchant: use its payment key from the Flitt portal (test merchant 1549901: "test").',
    };
  return {
    kind: 'signature_differs',
    message: `Flitt hashed the same values as we do, but the request's signature was not made from them with this key${right.toUpperCase() === params.signature ? ' (it is upper-case hex: Flitt wants lower case)' : ''}. Sign with createSignature(params, key).`,
  };
}
