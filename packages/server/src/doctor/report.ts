import type { SignatureExplanation } from './explainSignature.ts';
import type { Finding, Severity } from './findings.ts';
import type { DoctorReport } from './runDoctor.ts';

/** Who was checked, for the report's heading (the key is never part of it). */
export interface ReportTarget {
  readonly merchantId: number;
  readonly baseUrl: string;
  readonly production: boolean;
}

const LABEL: Record<Severity, string> = {
  error: 'ERROR  ',
  warning: 'WARNING',
  info: 'info   ',
  ok: 'ok     ',
};

const count = (findings: readonly Finding[], severity: Severity) =>
  findings.filter((f) => f.severity === severity).length;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The report as a person reads it: one block per finding, then the counts and the exit code. */
export function formatReport(report: DoctorReport, target: ReportTarget): string {
  const lines = [
    `flitt-checkout doctor: merchant ${target.merchantId} at ${target.baseUrl} (${target.production ? 'production' : 'test'} environment)`,
    '',
  ];
  for (const f of report.findings) {
    lines.push(`${LABEL[f.severity]}  ${f.id}: ${f.message}`);
    if (f.fix) lines.push(`         → ${f.fix}`);
  }
  const { findings } = report;
  lines.push(
    '',
    `${plural(count(findings, 'error'), 'error')}, ${plural(count(findings, 'warning'), 'warning')}, ${count(findings, 'ok')} ok: exit ${report.exitCode}`,
  );
  return lines.join('\n');
}

/** The report for CI: stable keys, one object. */
export function jsonReport(report: DoctorReport, target: ReportTarget) {
  const { findings, exitCode } = report;
  return {
    tool: 'flitt-checkout doctor',
    ...target,
    exitCode,
    summary: {
      error: count(findings, 'error'),
      warning: count(findings, 'warning'),
      info: count(findings, 'info'),
      ok: count(findings, 'ok'),
    },
    findings,
  };
}

/** An explanation as a person reads it: both strings, then each difference. */
export function formatExplanation(explanation: SignatureExplanation): string {
  const lines = [
    `ours:  ${JSON.stringify(explanation.ours)}`,
    `Flitt: ${JSON.stringify(explanation.flitt)}`,
    '',
  ];
  for (const d of explanation.differences) lines.push(`- ${d.kind}: ${d.message}`);
  lines.push(`${explanation.differences.length > 0 ? '\n' : ''}${explanation.verdict.message}`);
  return lines.join('\n');
}
