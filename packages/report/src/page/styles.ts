/** The page's only stylesheet: system fonts, no images, light and dark. */
export const STYLES = `
:root {
  color-scheme: light dark;
  --bg: #f6f7f9;
  --surface: #ffffff;
  --text: #1c2230;
  --muted: #5f6b7a;
  --line: #dde2e8;
  --accent: #3358d4;
  --accent-soft: #e8edfc;
  --good: #18794e;
  --good-soft: #e6f6ee;
  --bad: #c62a2f;
  --bad-soft: #fdecec;
  --warn: #8a5a00;
  --differs: #fff1c7;
  --differs-edge: #e5a000;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #11141a;
    --surface: #1a1e26;
    --text: #e6e9ef;
    --muted: #9aa4b2;
    --line: #2c323d;
    --accent: #8ea8ff;
    --accent-soft: #232c47;
    --good: #4cc38a;
    --good-soft: #15291f;
    --bad: #ff6b6b;
    --bad-soft: #341a1c;
    --warn: #f5c451;
    --differs: #3d3112;
    --differs-edge: #e5a000;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--text);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1280px; margin: 0 auto; padding: 0 24px 64px; }
h1, h2, h3 { line-height: 1.2; margin: 0; }
h2 { font-size: 20px; margin-bottom: 4px; }
code { font-family: var(--mono); font-size: 0.92em; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
section { margin-top: 40px; }
.lede { color: var(--muted); margin: 0 0 16px; max-width: 78ch; }
.muted { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }

.masthead {
  display: flex; flex-wrap: wrap; align-items: flex-end; justify-content: space-between; gap: 24px;
  max-width: 1280px; margin: 0 auto; padding: 32px 24px 8px;
}
.eyebrow { margin: 0 0 6px; color: var(--accent); font-weight: 600; font-size: 13px; letter-spacing: 0.06em; text-transform: uppercase; }
.masthead h1 { font-size: 30px; }
.source { margin: 8px 0 0; color: var(--muted); }
.stats { display: flex; flex-wrap: wrap; gap: 8px; list-style: none; margin: 0; padding: 0; }
.stats li {
  background: var(--surface); border: 1px solid var(--line); border-radius: 10px;
  padding: 8px 14px; color: var(--muted); font-size: 13px;
}
.stat-number { display: block; color: var(--text); font-size: 22px; font-weight: 650; line-height: 1.1; }
.stats .stat-attention { border-color: var(--differs-edge); background: var(--differs); color: var(--text); }
.stats .stat-good { background: var(--good-soft); border-color: var(--good); }
.stats .stat-good .stat-number { color: var(--good); }
.stats .stat-bad { background: var(--bad-soft); border-color: var(--bad); }
.stats .stat-bad .stat-number { color: var(--bad); }
.stats a { color: inherit; }

.promotion-path { display: flex; flex-wrap: wrap; gap: 40px; list-style: none; margin: 0; padding: 0; }
.environment {
  position: relative; flex: 1 1 220px; max-width: 340px;
  background: var(--surface); border: 1px solid var(--line); border-radius: 12px; padding: 16px;
}
.environment + .environment::before {
  content: "→"; position: absolute; left: -32px; top: 18px; color: var(--muted); font-size: 22px;
}
.environment-head { display: flex; align-items: center; gap: 10px; }
.step {
  display: inline-grid; place-items: center; width: 26px; height: 26px; border-radius: 50%;
  background: var(--accent-soft); color: var(--accent); font-weight: 650; font-size: 13px;
}
.environment h3 { font-size: 18px; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; margin: 10px 0 0; padding: 0; }
.badge { font-size: 12px; padding: 2px 8px; border-radius: 999px; background: var(--accent-soft); color: var(--accent); }
.badge-strict { background: var(--bad-soft); color: var(--bad); }
.cluster-count { margin: 12px 0 4px; color: var(--muted); font-size: 13px; }
.cluster-list { list-style: none; margin: 0; padding: 0; }
.cluster-list li { padding: 2px 0; }

.controls { display: flex; flex-wrap: wrap; align-items: center; gap: 20px; margin-bottom: 12px; color: var(--muted); font-size: 13px; }
.controls input[type="search"] {
  margin-left: 6px; padding: 6px 10px; min-width: 220px; font: inherit; color: var(--text);
  background: var(--surface); border: 1px solid var(--line); border-radius: 8px;
}
.check { display: inline-flex; align-items: center; gap: 6px; }
.table-scroll { overflow-x: auto; border: 1px solid var(--line); border-radius: 12px; background: var(--surface); }
.matrix { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 14px; }
.matrix th, .matrix td { padding: 8px 12px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; white-space: nowrap; }
.matrix tbody tr:last-child > * { border-bottom: 0; }
.matrix thead th { background: var(--surface); position: sticky; top: 0; z-index: 1; }
.matrix .corner { vertical-align: bottom; color: var(--muted); font-weight: 500; }
.env-head { font-size: 13px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--accent); }
.cluster-head { font-weight: 600; }
.region { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
.env-start { border-left: 2px solid var(--line); }
.matrix tbody th { position: sticky; left: 0; background: var(--surface); font-weight: 600; }
.team { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
.tag { display: inline-block; padding: 1px 6px; border-radius: 6px; background: var(--bg); border: 1px solid var(--line); }
.cell.absent { color: var(--muted); }
.cell.absent::before { content: "·"; }
.cell.differs { background: var(--differs); box-shadow: inset 3px 0 0 var(--differs-edge); }
.cell.differs .tag { border-color: var(--differs-edge); font-weight: 650; }
.differs-note { display: block; margin-top: 3px; color: var(--warn); font-size: 12px; }
.legend.differs { background: var(--differs); box-shadow: inset 3px 0 0 var(--differs-edge); padding: 1px 6px 1px 9px; border-radius: 4px; color: var(--text); }
tr.hidden, .app-timeline.hidden { display: none; }

.app-timeline { background: var(--surface); border: 1px solid var(--line); border-radius: 12px; margin-bottom: 10px; scroll-margin-top: 16px; }
.app-timeline summary { cursor: pointer; padding: 12px 16px; list-style-position: inside; }
.app-name { font-weight: 650; }
.description { display: block; margin-left: 18px; color: var(--muted); font-size: 13px; }
.waves { display: flex; gap: 28px; overflow-x: auto; list-style: none; margin: 0; padding: 4px 16px 16px; }
.wave { position: relative; flex: 1 1 0; min-width: 170px; }
.wave + .wave::before { content: "→"; position: absolute; left: -21px; top: 0; color: var(--muted); }
.wave-number { margin: 0 0 8px; font-size: 12px; font-weight: 650; color: var(--accent); text-transform: uppercase; letter-spacing: 0.05em; }
.objects { list-style: none; margin: 0; padding: 0; display: grid; gap: 6px; }
.object { border: 1px solid var(--line); border-left: 3px solid var(--accent); border-radius: 6px; padding: 5px 8px; background: var(--bg); }
.kind { display: block; font-size: 12px; color: var(--muted); }
.object-name { display: block; font-family: var(--mono); font-size: 12.5px; overflow-wrap: anywhere; }
.only-on { display: block; font-size: 11.5px; color: var(--warn); }

.verdict { display: flex; gap: 14px; align-items: center; padding: 14px 18px; border-radius: 12px; border: 1px solid; }
.verdict.passed { background: var(--good-soft); border-color: var(--good); }
.verdict.failed { background: var(--bad-soft); border-color: var(--bad); }
.verdict-mark { font-size: 26px; font-weight: 700; }
.passed .verdict-mark { color: var(--good); }
.failed .verdict-mark { color: var(--bad); }
.verdict-title { margin: 0; font-weight: 650; }
.verdict-counts { margin: 2px 0 0; color: var(--muted); }
.problems { list-style: none; margin: 16px 0 0; padding: 0; display: grid; gap: 8px; }
.problem { background: var(--surface); border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 8px; padding: 10px 14px; }
.problem.warning, .waived .problem { border-left-color: var(--differs-edge); }
.problem p { margin: 0; }
.severity { font-weight: 650; color: var(--bad); }
.warning .severity, .waived .severity { color: var(--warn); }
.subject { font-family: var(--mono); font-size: 13px; }
.problem-message { margin-top: 2px; }
.where { color: var(--muted); font-size: 13px; }
.hint { color: var(--muted); font-size: 13px; }
.hint-label { font-weight: 600; }
#validation h3 { margin-top: 24px; font-size: 16px; }
footer { max-width: 1280px; margin: 0 auto; padding: 0 24px 32px; color: var(--muted); font-size: 13px; }
@media print {
  .controls { display: none; }
  .matrix thead th, .matrix tbody th { position: static; }
}
`;
