// Renders the figures as BENCHMARKS.md; every sentence that judges a figure is computed from it.
import type { BrowserResult, ClickCase } from './browser.ts';
import type { SandboxResult } from './sandbox.ts';
import type { LoadComparison, ServerResult, SideBySide } from './server.ts';
import { PROFILE_NOTE } from './serverProfile.ts';
import type { RatioSummary } from './sideBySide.ts';
import type { SizeResult } from './size.ts';
import { sizeSection, sizeSummaryRows } from './sizeReport.ts';
import type { Summary } from './stats.ts';

/** Everything one `npm run bench` measured; written as is to benchmarks.json. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly durationSeconds: number;
  readonly stepSeconds: Readonly<Record<string, number>>;
  readonly machine: {
    readonly cpu: string;
    readonly cores: number;
    readonly memoryGB: number;
    readonly os: string;
    readonly node: string;
    readonly chromium: string;
    readonly loadAverageAtStart: readonly number[];
  };
  readonly versions: Readonly<Record<string, string>>;
  readonly size: SizeResult;
  readonly browser: BrowserResult;
  readonly server: ServerResult;
  readonly sandbox: SandboxResult;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const int = (value: number) => value.toLocaleString('en-US');
const times = (ratio: number) => `${ratio.toFixed(2)}×`;
const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly (string | number)[])[]) =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)].join('\n');
const spread = (s: Summary) => [ms(s.median), ms(s.p95), ms(s.p99), ms(s.min), ms(s.max), s.n];

/** A click case's label, e.g. "click at mount + 50 ms". */
const clickLabel = (c: ClickCase) =>
  `click at mount + ${c.delayMs} ms${c.prefetch === 'intent' ? ', `prefetch="intent"` (pointer over "Pay" at mount)' : ''}`;

function browserSection(b: BrowserResult): string {
  if (!Array.isArray(b.clicks)) {
    return '## 2. Click to navigation, in Chromium\n\nThese figures predate the cold, throttled benchmark: run `npm run bench -- browser`.';
  }
  const { network: n } = b;
  const first = b.clicks[0];
  const mbps = (bytesPerSecond: number) => `${(bytesPerSecond * 8) / 1e6} Mbps`;
  const kbps = (bytesPerSecond: number) => `${(bytesPerSecond * 8) / 1e3} kbps`;
  const postMedians = b.clicks.map((c) => c.request.median);
  const postMedian = Math.max(...postMedians);
  const postRange =
    postMedians.length > 1 ? `${ms(Math.min(...postMedians))}–${ms(postMedian)}` : ms(postMedian);
  const additive = n.latency + b.flittLatencyMs;
  return `## 2. Click to navigation and embedded mount, in Chromium: cold cache, throttled network

${b.method}

Network (CDP \`Network.emulateNetworkConditions\`, every run): **${n.latency} ms latency, ${mbps(n.downloadThroughput)} down, ${kbps(n.uploadThroughput)} up**; cache disabled
(\`Network.setCacheDisabled\`) in a new browser context. Sandbox latency on every \`/api/\` call: **${b.flittLatencyMs} ms**.
${b.runs} measured runs per case after ${b.warmupRuns} warm-up runs, all cases interleaved round by round; the whole
browser part took ${Math.round(b.seconds)} s. A cold load of \`/cart\` plus the order moves ${(b.coldLoadBytes / 1000).toFixed(1)} kB over the throttled link (median,
encoded). Requests to anything but 127.0.0.1: ${b.nonLoopbackRequests}. Runs retried: ${b.retries.length}${b.retries.length ? ` (${b.retries.join('; ')})` : ''}.

### What the payer waits for

${table(
  ['case', 'click → navigation, median', 'p95', 'mount → navigation, median', 'p95', 'n'],
  [...b.clicks, b.clickIntent].map((c) => [
    clickLabel(c),
    `**${ms(c.clickToNavigation.median)}**`,
    ms(c.clickToNavigation.p95),
    ms(c.mountToNavigation.median),
    ms(c.mountToNavigation.p95),
    c.clickToNavigation.n,
  ]),
)}

### Where the time goes (medians, from the page's Resource Timing)

${table(
  [
    'case',
    'cold load → "Pay" interactive',
    'click ran at mount +',
    'click → POST starts',
    'POST /api/flitt/checkout',
    'response → navigation',
  ],
  b.clicks.map((c) => [
    clickLabel(c),
    ms(c.loadToMount.median),
    `${ms(c.actualDelay.median)} (p95 ${ms(c.actualDelay.p95)})`,
    ms(c.clickToRequest.median),
    ms(c.request.median),
    ms(c.responseToNavigation.median),
  ]),
)}

${
  first
    ? `The click at mount + 0 ms is a \`setTimeout(0)\` from the observer that saw "Pay" appear; it ran ${ms(first.actualDelay.median)} after mount at the median (p95 ${ms(first.actualDelay.p95)}), the time the page's main thread stays busy after that render. From the click, the app starts its POST after ${ms(first.clickToRequest.median)} at the median${first.clickToRequest.median < 20 ? ', so nothing is left to load on the click path' : ': **the click waits before its request leaves** (something still loads or runs on the click path)'}; the rest is the POST and ${ms(first.responseToNavigation.median)} from its response to \`location.assign\`.`
    : ''
} The \`navigate\` and \`beforeunload\` marks agree within ${ms(Math.max(...[...b.clicks, b.clickIntent].map((c) => c.beforeunloadLagMax)))} in every run.

${
  postMedian < additive
    ? `**Read the POST column with care.** Chromium applies the CDP latency as a *minimum* time from sending a request to its response headers, not as time added to the server's: the shop's own call to the sandbox already takes ${b.flittLatencyMs} ms, so the emulated ${n.latency} ms round trip of the page→shop call is hidden behind it, and the POST's median is ${postRange} where a real ${n.latency} ms round trip followed by the shop's ${b.flittLatencyMs} ms wait at Flitt would take at least ${ms(additive)}. On a real network of these figures, add up to ${n.latency} ms to every click → navigation above. The page's own assets are served at once on 127.0.0.1, so for them the ${n.latency} ms is the full latency.`
    : `The POST's median is ${postRange}: the emulated ${n.latency} ms and the shop's ${b.flittLatencyMs} ms wait at the sandbox add up here.`
}

With \`prefetch="intent"\` the order is created while the pointer is over the button (here from mount on, ${b.clickIntent.delayMs} ms before the click), so the click leaves after ${ms(b.clickIntent.clickToNavigation.median)} at the median.

### Embedded checkout: select the flow → card form ready

${table(['case', 'median', 'p95', 'p99', 'min', 'max', 'n'], [['radio clicked 200 ms after "Pay" is interactive → card form ready', ...spread(b.embeddedMountToReady)]])}

Same throttling and cold cache. The embedded form needs the token (the POST: the ${b.flittLatencyMs} ms at the sandbox, with the
page's round trip hidden behind it as above) and then \`checkout.js\` from the sandbox (its ${n.latency} ms latency and
download), then mounts: ${ms(b.embeddedMountToReady.median)} at the median.`;
}

function serverSection(s: ServerResult): string {
  const { signing, load } = s;
  const perOp = (ops: number) => `${(1e6 / ops).toFixed(1)} µs`;
  const hashRatio = signing.sha1.webCrypto.opsPerSecond / signing.sha1.nodeCrypto.opsPerSecond;
  const behindSign = signing.sign.ratio < 1 || signing.verify.ratio < 1;
  const { keepAlive: ka, noKeepAlive: nka, lowLoad: low } = load;
  return `## 3. Server: flitt-checkout beside the official SDK (${'`@flittpayments/flitt-node-js-sdk`'} ${s.sdkVersion})

The SDK (GPL-3.0) is only run here as a measured devDependency; none of its code is copied.

### 3a. Signing and verifying

Same objects for both: a typical \`/api/checkout/url\` request (9 fields) is signed, a typical
callback order (35 fields, many empty) is verified. Both libraries produce and accept the same
signatures for them (checked first: ${signing.agree ? 'yes' : 'no'}).

${table(
  [
    'operation',
    'flitt-checkout, awaited one at a time',
    'flitt-checkout, 64 in flight',
    'official SDK (sync)',
    'ours / SDK',
  ],
  [
    [
      'sign (`createSignature` / `util.genSignature`)',
      `${int(signing.sign.ours.opsPerSecond)}/s (${perOp(signing.sign.ours.opsPerSecond)})`,
      `${int(signing.sign.ours64.opsPerSecond)}/s`,
      `${int(signing.sign.sdk.opsPerSecond)}/s (${perOp(signing.sign.sdk.opsPerSecond)})`,
      times(signing.sign.ratio),
    ],
    [
      'verify (`verifySignature` / `isValidResponse`)',
      `${int(signing.verify.ours.opsPerSecond)}/s (${perOp(signing.verify.ours.opsPerSecond)})`,
      `${int(signing.verify.ours64.opsPerSecond)}/s`,
      `${int(signing.verify.sdk.opsPerSecond)}/s (${perOp(signing.verify.sdk.opsPerSecond)})`,
      times(signing.verify.ratio),
    ],
    [
      'SHA-1 of the same signing string alone',
      `${int(signing.sha1.webCrypto.opsPerSecond)}/s (\`crypto.subtle.digest\`, awaited)`,
      '',
      `${int(signing.sha1.nodeCrypto.opsPerSecond)}/s (\`createHash('sha1')\`)`,
      times(hashRatio),
    ],
  ],
)}

${`${
  behindSign
    ? `**Where we are behind:** signing runs at ${times(signing.sign.ratio)} and verifying at ${times(signing.verify.ratio)} of the SDK's rate`
    : `Signing runs at ${times(signing.sign.ratio)} and verifying at ${times(signing.verify.ratio)} of the SDK's rate`
} (medians of ${signing.rounds} interleaved rounds of 300 ms each; the rounds' ratios: sign ${signing.sign.roundRatios.map(times).join(', ')}; verify ${signing.verify.roundRatios.map(times).join(', ')}). Under Node, \`@flitt-checkout/core\` hashes synchronously with \`node:crypto\`'s one-shot \`hash()\` (${int(signing.sha1.nodeHash.opsPerSecond)}/s on this string against ${int(signing.sha1.nodeCrypto.opsPerSecond)}/s for \`createHash\`, which the SDK uses), reached through \`process.getBuiltinModule\` without importing a Node built-in, so browsers and Workers still use Web Crypto: one \`crypto.subtle.digest('SHA-1')\` is an asynchronous job (a Promise and a trip through libuv's thread pool) and takes ${perOp(signing.sha1.webCrypto.opsPerSecond)}, ${times(1 / hashRatio)} the time of \`createHash\`. The signing string is built in one pass, verification checks for \`|\` in the same pass, and the sorted key order of the last shape signed (and, separately, verified) is reused when the next object has the same keys in the same order, as a shop's requests and Flitt's callbacks do. Verification still compares in constant time and rejects malformed signatures before hashing, where the SDK compares with \`===\`.`}

### 3b. Does the sandbox accept what the SDK sends?

The SDK cannot be pointed at \`http://127.0.0.1:PORT\`: it takes only a host name (\`baseUrl\`, default \`pay.flitt.com\`) and always calls \`https.request\` on port 443. The harness gives it the host \`flitt-sandbox.invalid\` (which never resolves) and replaces \`https.globalAgent\` with an agent whose \`createConnection\` opens a plain TCP socket to the sandbox on 127.0.0.1: the SDK's own code runs unchanged, without TLS (like our client against the sandbox).

${table(
  ['request', 'sandbox answer'],
  s.sdkChecks.map((c) => [c.case, c.answer]),
)}

- The SDK sends the header value \`Content-type: application/json; charset=utf-8\` (its \`getContentHeader\` returns a whole header line, used as the value of \`Content-Type\`) and posts to \`/api/checkout/url/\` with a trailing slash. It has run against live Flitt since 2019, so Flitt reads both; the sandbox now does too (issue 15), and nothing of the SDK's requests is changed here or in the load test below. \`test/node/officialSdk.test.ts\` runs the SDK against the sandbox for the rest of its calls (pay, status, capture, refund, verification, subscription, saved card).
- An order with a \`null\` or \`undefined\` field is refused with 1014: the SDK joins \`Object.values\` and so signs those as empty segments, while JSON drops \`undefined\` and Flitt skips empty values. flitt-checkout skips both.

### 3c. Create-checkout endpoint under load

${load.method}

${loadTable(load.keepAlive, 'keep-alive')}

${loadTable(load.noKeepAlive, 'no keep-alive')}

Keep-alive (both hops): ours / SDK ${times(ka.ratioRequestsPerSecond)} the requests per second (pairs of neighbouring rounds: ${ka.pairRatios.map(times).join(', ')}) at ${times(ka.ratioCpuMsPerRequest)} the endpoint's CPU per request. Without keep-alive (a new connection from the load generator and a new TLS connection, resumed session allowed, to the sandbox for every checkout): ${times(nka.ratioRequestsPerSecond)} and ${times(nka.ratioCpuMsPerRequest)}.

**Added latency at low load** (${int(low.requests)} checkouts, one at a time, the bare sandbox call (the load generator POSTs a signed order straight to the sandbox over the same kind of HTTPS keep-alive connection) and the two endpoints taking turns):

${table(
  ['call', 'p50', 'p95', 'p99', 'added over the bare call: p50', 'added: p99'],
  [
    ['bare sandbox round trip', ms(low.bare.median), ms(low.bare.p95), ms(low.bare.p99), '', ''],
    [
      'flitt-checkout createCheckout',
      ms(low.ours.median),
      ms(low.ours.p95),
      ms(low.ours.p99),
      ms(low.addedMs.ours.p50),
      ms(low.addedMs.ours.p99),
    ],
    [
      'official SDK Checkout',
      ms(low.sdk.median),
      ms(low.sdk.p95),
      ms(low.sdk.p99),
      ms(low.addedMs.sdk.p50),
      ms(low.addedMs.sdk.p99),
    ],
  ],
)}

${sideBySideSection(load.sideBySide, ka)}

${goalSentence(ka, load.sideBySide)} ${PROFILE_NOTE}`;
}

/** A ratio with its interval: `0.99× (95 % interval 0.97–1.01×)`. */
const withInterval = (r: RatioSummary) =>
  `${r.value.toFixed(3)}× (95 % interval ${r.low.toFixed(3)}–${r.high.toFixed(3)}×)`;

/** Where the side-by-side rounds' CPU went, and how much of the CPU ratio the rate shows. */
function paceSentence(sb: SideBySide): string {
  const cores = Object.values(sb.cores);
  const [least, most] = [Math.min(...cores), Math.max(...cores)];
  const total = cores.reduce((n, c) => n + c, 0) + sb.sandboxCores + sb.generatorCores;
  return `The endpoint processes used ${least.toFixed(2)}–${most.toFixed(2)} of a core each, the one sandbox process they all call ${sb.sandboxCores.toFixed(2)} and the load generator ${sb.generatorCores.toFixed(2)}: ${total.toFixed(2)} of the machine's two cores. So a process's rate depends on the sandbox and the load generator it shares with the others as well as on its own CPU: at ${times(sb.ratio.ours.value)} the SDK's CPU per request, an endpoint limited by its own CPU alone would serve ${times(1 / sb.ratio.ours.value)} the requests; ours served ${times(sb.rateRatio.ours.value)}.`;
}

function sideBySideSection(sb: SideBySide, ka: LoadComparison): string {
  const sessions = (r: RatioSummary) => r.sessions.map((v) => v.toFixed(3)).join(', ');
  const sdkMean = (sb.cpuMsPerRequest.sdk + sb.cpuMsPerRequest.twin) / 2;
  const row = (
    label: string,
    name: 'ours' | 'sdk' | 'twin' | 'client',
    rate: string,
    cpu: string,
    per: string,
  ) => [
    label,
    int(sb.requestsPerSecond[name]),
    rate,
    ms3(sb.cpuMsPerRequest[name]),
    cpu,
    sb.cores[name].toFixed(3),
    per,
  ];
  return `**Side by side** (the goal's figures). The rounds above run one endpoint at a time, and the machine's load drifts between them: one run's rounds differ by more than the difference being measured. Here every endpoint process serves at once: the load generator keeps ${sb.concurrency} requests in flight to each, on connections of its own (keep-alive), so whatever else the machine does costs them all alike. ${paceSentence(sb)}

The run has ${sb.sessions} sessions. Each starts four fresh processes (ours, the SDK's endpoint twice, the experiment), in an order rotated from one session to the next, warms them up together for ${sb.warmupSeconds} s, and measures ${sb.rounds} rounds of ${sb.secondsPerRound} s, reading each process's CPU time before and after every round. Fresh processes per session mean the bias one process carries (which the A/A control shows) and its place in line average out over the sessions instead of staying with one side. The two SDK processes are the reference (their mean), and their own ratio is the A/A control: how far apart two identical endpoints measure here. Each ratio is of the totals over all rounds (requests served; CPU time over requests), with a percentile-bootstrap 95 % interval over the sessions (whole sessions drawn with replacement, 2,000 resamples, fixed seed: a session's rounds share its processes, so they are not drawn one by one); the per-session values show how far one set of processes moves a ratio. The A/A ratio (one process over the other) is a little noisier than ours over the two processes' mean, so its interval slightly overstates the noise in ours. Errors: ${sb.errors} of ${int(sb.requests)}.

${table(
  [
    'endpoint process',
    'requests/s',
    'over the SDK processes',
    'CPU per request',
    'over the SDK processes',
    'cores used',
    'CPU ratio per session',
  ],
  [
    row(
      'flitt-checkout createCheckout',
      'ours',
      `**${withInterval(sb.rateRatio.ours)}**`,
      `**${withInterval(sb.ratio.ours)}**`,
      sessions(sb.ratio.ours),
    ),
    row('official SDK Checkout', 'sdk', '', '', ''),
    row(
      'official SDK Checkout, second process (A/A)',
      'twin',
      `${withInterval(sb.rateRatio.twin)} of the first`,
      `${withInterval(sb.ratio.twin)} of the first`,
      sessions(sb.ratio.twin),
    ),
    row(
      "experiment: the SDK's endpoint over our client",
      'client',
      withInterval(sb.rateRatio.client),
      withInterval(sb.ratio.client),
      sessions(sb.ratio.client),
    ),
  ],
)}

The two SDK processes spent ${ms3(sdkMean)} per request here against ${ms3(ka.sdk.cpuMsPerRequest)} in the rounds above (${times(sdkMean / ka.sdk.cpuMsPerRequest)}), with four endpoint processes, the sandbox and the load generator sharing two cores; the ratios between processes measured at the same time are what is compared.`;
}

/** Where a ratio's interval lies against 1.0×: wholly above, wholly below, or across it. */
const side = (r: RatioSummary) => (r.low > 1 ? 'above' : r.high < 1 ? 'below' : 'across');

/** Whether the A/A control's interval holds 1.0×, said in words. */
const aa = (r: RatioSummary) =>
  `${withInterval(r)}${side(r) === 'across' ? ' (its interval holds 1.0×, as it should)' : ': its interval excludes 1.0×, so identical processes differ by about that much here, and a difference of that size in ours is not resolved'}`;

function goalSentence(ka: LoadComparison, sb: SideBySide): string {
  const [rate, cpu] = [side(sb.rateRatio.ours), side(sb.ratio.ours)];
  const met = sb.rateRatio.ours.value >= 1 && sb.ratio.ours.value <= 1;
  const across = [rate === 'across' ? 'rate' : '', cpu === 'across' ? 'CPU' : ''].filter(Boolean);
  const verdict =
    rate === 'above' && cpu === 'below'
      ? 'met, with both intervals clear of 1.0×'
      : rate === 'below' || cpu === 'above'
        ? 'not met, with an interval wholly on the wrong side of 1.0×'
        : `${met ? 'met' : 'not met'} at the point estimates, with the ${across.join(' and ')} interval${across.length > 1 ? 's' : ''} reaching 1.0×`;
  const figures = `side by side, ${withInterval(sb.rateRatio.ours)} the SDK's requests per second and ${withInterval(sb.ratio.ours)} its CPU per request. The A/A control, two processes running the same SDK endpoint, measures in rate ${aa(sb.rateRatio.twin)}; in CPU ${aa(sb.ratio.twin)}. The rounds one endpoint at a time above gave ${times(ka.ratioRequestsPerSecond)} the rate and ${times(ka.ratioCpuMsPerRequest)} the CPU`;
  const handler = sb.ratio.ours.value - sb.ratio.client.value;
  const split = `The experiment (the SDK's endpoint over our client) spends ${sb.ratio.client.value.toFixed(3)}× the SDK's CPU per request: that is our client against the SDK's \`Checkout\`, inside the same hand-written endpoint. Our handler and \`toNodeHandler\`, in place of that endpoint, account for the rest: ${Math.abs(handler).toFixed(3)}× of the SDK's CPU per request ${handler <= 0 ? 'less' : 'more'}.`;
  return `**The goal (≥ 1.0× the SDK's requests per second at no more CPU per request) is ${verdict} in this run:** ${figures}. ${split}`;
}

/** CPU time with three decimals (the endpoint figures are fractions of a millisecond). */
const ms3 = (value: number) => `${value.toFixed(3)} ms`;

function loadTable(c: LoadComparison, mode: string): string {
  return `${mode}: ${c.rounds} rounds per endpoint of ${int(c.requestsPerRound)} POSTs, ${c.concurrency} in flight

${table(
  [
    'endpoint',
    'requests/s (median)',
    'per round',
    'p50',
    'p95',
    'p99',
    'endpoint CPU per request (median)',
    'sandbox CPU per request',
    'errors',
  ],
  [c.ours, c.sdk, c.client].map((l) => [
    l.label,
    `**${int(l.requestsPerSecond)}**`,
    l.roundsRequestsPerSecond.map(int).join(', '),
    ms(l.latencyMs.median),
    ms(l.latencyMs.p95),
    ms(l.latencyMs.p99),
    ms3(l.cpuMsPerRequest),
    ms3(l.sandboxCpuMsPerRequest),
    `${l.errors} / ${int(l.requests)}`,
  ]),
)}`;
}

function sandboxSection(s: SandboxResult): string {
  return `## 4. The sandbox with ${int(s.orders)} orders

${s.method}

| heap | value |
| --- | --- |
| heap used before | ${s.heapUsedBeforeMB} MB |
| heap used after ${int(s.orders)} orders | ${s.heapUsedAfterMB} MB |
| held per order | ${int(s.bytesPerOrder)} B |
| time to create ${int(s.orders - s.samples)} orders, 16 in flight | ${s.fillSeconds} s |

${table(
  ['call', 'median', 'p95', 'p99', 'min', 'max', 'n'],
  [
    ['create (`/api/checkout/url`), empty sandbox', ...spread(s.createAt0)],
    [`create, ${int(s.orders)} orders held`, ...spread(s.createAtN)],
    ['status (`/api/status/order_id`), empty sandbox', ...spread(s.statusAt0)],
    [`status, ${int(s.orders)} orders held`, ...spread(s.statusAtN)],
  ],
)}

${
  s.createAtN.median <= s.createAt0.median * 1.25 && s.statusAtN.median <= s.statusAt0.median * 1.25
    ? 'Create and status do not slow down as the sandbox fills (orders live in a `Map`).'
    : `Calls slow down as the sandbox fills: create ${times(s.createAtN.median / s.createAt0.median)}, status ${times(s.statusAtN.median / s.statusAt0.median)} at the median.`
} Memory grows by about ${(s.bytesPerOrder / 1024).toFixed(1)} KiB per order and is not freed: the sandbox keeps every order until \`reset()\`.`;
}

function browserSummaryRows(b: BrowserResult): (readonly string[])[] {
  if (!Array.isArray(b.clicks)) return [];
  const throttled = `cold cache, ${b.network.latency} ms + ${(b.network.downloadThroughput * 8) / 1e6} Mbps (CDP), ${b.flittLatencyMs} ms at Flitt`;
  return [
    [
      'click → navigation, click at mount + 0 / 50 / 200 ms (median; p95)',
      `**${b.clicks.map((c) => ms(c.clickToNavigation.median)).join(' / ')}**; ${b.clicks.map((c) => ms(c.clickToNavigation.p95)).join(' / ')}`,
      throttled,
    ],
    [
      'mount → navigation, same clicks (median; p95)',
      `${b.clicks.map((c) => ms(c.mountToNavigation.median)).join(' / ')}; ${b.clicks.map((c) => ms(c.mountToNavigation.p95)).join(' / ')}`,
      `n = ${b.runs} each`,
    ],
    [
      'click → navigation, `prefetch="intent"` (median / p95)',
      `**${ms(b.clickIntent.clickToNavigation.median)}** / ${ms(b.clickIntent.clickToNavigation.p95)}`,
      `pointer over "Pay" ${b.clickIntent.delayMs} ms before the click`,
    ],
    [
      'embedded: select the flow → card form ready (median / p95)',
      `${ms(b.embeddedMountToReady.median)} / ${ms(b.embeddedMountToReady.p95)}`,
      'same throttling',
    ],
  ];
}

/** BENCHMARKS.md. */
export function renderMarkdown(r: BenchResults): string {
  const { machine, size, browser, server, sandbox } = r;
  const summary = table(
    ['figure', 'result', 'budget or comparison'],
    [
      ...sizeSummaryRows(size),
      ...browserSummaryRows(browser),
      [
        'sign / verify per second (awaited; medians)',
        `${int(server.signing.sign.ours.opsPerSecond)} / ${int(server.signing.verify.ours.opsPerSecond)}`,
        `SDK ${int(server.signing.sign.sdk.opsPerSecond)} / ${int(server.signing.verify.sdk.opsPerSecond)}: ${times(server.signing.sign.ratio)} / ${times(server.signing.verify.ratio)} (goal ≥ 1.5×)`,
      ],
      [
        'create-checkout endpoint, keep-alive: requests/s (p50 / p99); CPU per request',
        `${int(server.load.keepAlive.ours.requestsPerSecond)} (${ms(server.load.keepAlive.ours.latencyMs.median)} / ${ms(server.load.keepAlive.ours.latencyMs.p99)}); ${ms3(server.load.keepAlive.ours.cpuMsPerRequest)}`,
        `SDK ${int(server.load.keepAlive.sdk.requestsPerSecond)}; ${ms3(server.load.keepAlive.sdk.cpuMsPerRequest)}: one at a time ${times(server.load.keepAlive.ratioRequestsPerSecond)} the rate; side by side ${times(server.load.sideBySide.rateRatio.ours.value)} the rate and ${times(server.load.sideBySide.ratio.ours.value)} the CPU (A/A ${times(server.load.sideBySide.rateRatio.twin.value)} / ${times(server.load.sideBySide.ratio.twin.value)}) (goal ≥ 1.0× / ≤ 1.0×)`,
      ],
      [
        'create-checkout endpoint, no keep-alive: requests/s',
        int(server.load.noKeepAlive.ours.requestsPerSecond),
        `SDK ${int(server.load.noKeepAlive.sdk.requestsPerSecond)}: ${times(server.load.noKeepAlive.ratioRequestsPerSecond)}`,
      ],
      [
        'latency added over the bare sandbox call, one at a time (p50 / p99)',
        `${ms(server.load.lowLoad.addedMs.ours.p50)} / ${ms(server.load.lowLoad.addedMs.ours.p99)}`,
        `SDK ${ms(server.load.lowLoad.addedMs.sdk.p50)} / ${ms(server.load.lowLoad.addedMs.sdk.p99)}`,
      ],
      [
        'official SDK signatures accepted by the sandbox',
        server.sdkChecks.find((c) => c.case.includes('typical'))?.answer ?? 'n/a',
        'as the SDK sends it (3b)',
      ],
      [
        `sandbox heap for ${int(sandbox.orders)} orders`,
        `${sandbox.heapUsedBeforeMB} → ${sandbox.heapUsedAfterMB} MB`,
        `${int(sandbox.bytesPerOrder)} B per order`,
      ],
      [
        `sandbox create / status p99 at 0 → ${int(sandbox.orders)} orders`,
        `${ms(sandbox.createAt0.p99)} → ${ms(sandbox.createAtN.p99)} / ${ms(sandbox.statusAt0.p99)} → ${ms(sandbox.statusAtN.p99)}`,
        '',
      ],
    ],
  );
  return `# Benchmarks

Generated by \`npm run bench\` (\`scripts/bench/\`) on ${r.generatedAt} in ${r.durationSeconds} s; the same figures are in
[\`benchmarks.json\`](benchmarks.json). Regenerate instead of editing. All traffic stays on 127.0.0.1.

## Machine and versions

${table(
  ['', 'value'],
  [
    ['CPU', `${machine.cpu}, ${machine.cores} cores`],
    ['memory', `${machine.memoryGB} GB`],
    ['OS', machine.os],
    ['Node', machine.node],
    ['Chromium', machine.chromium],
    ['load average at start', machine.loadAverageAtStart.join(', ')],
    ...Object.entries(r.versions).map(([name, version]) => [name, version]),
  ],
)}

Timings on a shared 2-core VM move by tens of percent from run to run; compare ratios measured in
the same run rather than absolute numbers across runs.

## Summary

${summary}

${sizeSection(size)}

${browserSection(browser)}

${serverSection(server)}

${sandboxSection(sandbox)}

## Steps

${table(
  ['step', 'seconds'],
  Object.entries(r.stepSeconds).map(([step, seconds]) => [step, seconds]),
)}
`;
}
