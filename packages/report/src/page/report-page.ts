import { createHash } from 'node:crypto';
import type { FleetReport } from '../model.js';
import { renderEnvironments } from './environments.js';
import { renderHeader } from './header.js';
import { Html, html } from './html.js';
import { renderMatrix } from './matrix.js';
import { SCRIPT } from './script.js';
import { STYLES } from './styles.js';
import { renderTimelines } from './timelines.js';
import { renderValidation } from './validation.js';

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/**
 * The page may load nothing and talk to nobody: everything it needs is inline, and the policy
 * allows exactly its own stylesheet and script (by hash), so a report opened from a mail or an
 * artefact store cannot reach the network.
 */
const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src ${sha256(STYLES)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

/** The whole report as one self-contained HTML document. Pure: the same report gives the same bytes. */
export function renderReportPage(report: FleetReport): string {
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${new Html(CONTENT_SECURITY_POLICY)}">
<meta name="generator" content="fleetform report">
<title>${report.title} · fleet report</title>
<style>${new Html(STYLES)}</style>
</head>
<body>
${renderHeader(report)}
<main>
${renderEnvironments(report)}
${renderMatrix(report)}
${renderTimelines(report)}
${renderValidation(report)}
</main>
<footer>Written by <code>fleetform report</code> from the value files of <code>${report.repository}</code>. Open it anywhere: it loads nothing from the network.</footer>
<script>${new Html(SCRIPT)}</script>
</body>
</html>
`;
  return page.text;
}
