import { doctorOrderId } from './checkCredentials.ts';
import { type Finding, finding } from './findings.ts';
import { httpUrl, isPrivateHost, type ProbeOptions, probe } from './probe.ts';

/**
 * Checks the return URL (`response_url`) as the payer's browser meets it: https in production,
 * and both ways Flitt's page comes back answered, a form POST of the order and a plain GET. An
 * unsigned order is posted, so a return handler that verifies it changes nothing.
 */
export async function checkReturnUrl(
  returnUrl: string,
  production: boolean,
  options: ProbeOptions,
): Promise<Finding[]> {
  const findings: Finding[] = [];
  const add = (id: string, severity: Finding['severity'], message: string, fix?: string) =>
    findings.push(finding('return', id, severity, message, fix));
  const url = httpUrl(returnUrl);
  if (!url) {
    add(
      'url_invalid',
      'error',
      `${JSON.stringify(returnUrl)} is not an absolute http(s) URL.`,
      'Pass the full URL the payer comes back to, e.g. --return-url https://shop.example/api/flitt/return.',
    );
    return findings;
  }
  const shown = url.href;
  if (url.protocol === 'http:')
    add(
      'http',
      production ? 'error' : 'info',
      `${shown} is plain http${production ? ": Flitt's page posts the payer's order to it through an http redirect service, and browsers warn about a form sent without TLS" : ' (fine for a test on this machine only)'}.`,
      'Serve the return route over https and pass the https URL as returnUrl.',
    );
  if (production && isPrivateHost(url))
    add(
      'not_public',
      'error',
      `${url.host} is reachable from this machine or network only: a payer coming back from Flitt's page cannot reach it.`,
      "Pass the shop's public https URL as returnUrl.",
    );
  const form = new URLSearchParams({
    order_id: doctorOrderId(),
    order_status: 'approved',
    response_status: 'success',
  });
  const ways = [
    {
      how: 'POST',
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      },
      why: "Flitt's page sends the payer back with a form POST of the order",
    },
    { how: 'GET', init: { method: 'GET' }, why: 'Flitt may send the payer back with a plain GET' },
  ];
  let fine = true;
  for (const { how, init, why } of ways) {
    const result = await probe(shown, init, options);
    const fail = (id: string, message: string, fix: string) => {
      fine = false;
      add(id, 'error', message, fix);
    };
    if (result.kind === 'unreachable')
      fail(
        'unreachable',
        `${shown} could not be reached (${result.reason}): the payer lands on an error page after paying.`,
        'Check the host name, the port, the TLS certificate and that the route is public.',
      );
    else if (result.kind === 'timeout')
      fail(
        'timeout',
        `${shown} did not answer a ${how} within ${options.timeoutMs} ms.`,
        'Answer the return quickly: redirect to your result page and let it read the status.',
      );
    else if (result.status === 404 || result.status === 405)
      fail(
        `${how.toLowerCase()}_refused`,
        `${shown} answered ${result.status} to a ${how}: ${why}, so the payer sees an error page.`,
        "Accept both POST and GET on the return route (createFlittHandlers' paymentReturn does).",
      );
    else if (result.status >= 500)
      fail(
        'server_error',
        `${shown} answered ${result.status} to a ${how} with an unsigned order.`,
        "Look in the server's log; a return it cannot verify should send the payer on to the result page or answer 400.",
      );
    else if (how === 'POST' && (result.status === 301 || result.status === 302)) {
      fine = false;
      add(
        'redirect',
        'warning',
        `${shown} answers a POST with ${result.status} to ${result.location ?? '(no Location)'}: the browser follows it as a GET and the posted order is lost.`,
        'Pass the final URL as returnUrl so the route reads the POST itself (a 303 after reading it is fine).',
      );
    }
    if (result.kind !== 'answer') break;
  }
  if (fine) add('reachable', 'ok', `${shown} answers the payer's POST and GET.`);
  return findings;
}
