// The report's one stylesheet, inlined: light and dark schemes (the reader's setting decides),
// print rules, and the no-script sorting of the portfolio table (`:target` shows a sorted copy).
// Colours are chosen for WCAG AA contrast on both backgrounds.
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa;
  --pass: #116329; --pass-bg: #dafbe1; --fail: #a40e26; --fail-bg: #ffebe9;
  --warn: #7d4e00; --warn-bg: #fff8c5; --skip: #57606a; --skip-bg: #eaeef2;
  --link: #0550ae; --accent: #0969da; --lane: #eaeef2;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #3d444d; --panel: #161b22;
    --pass: #56d364; --pass-bg: #12261e; --fail: #ff7b72; --fail-bg: #2d1214;
    --warn: #e3b341; --warn-bg: #2b2111; --skip: #9da7b3; --skip-bg: #21262d;
    --link: #79c0ff; --accent: #58a6ff; --lane: #21262d;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
a { color: var(--link); }
h1 { font-size: 1.8rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.1rem; margin: 1.25rem 0 .5rem; }
code, .mono, .ledger td:last-child { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.muted, .ledger td:last-child { color: var(--muted); }
.lead { font-size: 1.05rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 1rem 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); font-weight: 600; }
/* Numeric columns, by position: no class on every cell. */
.values :is(td, th):nth-child(even), .comparison :is(td, th):nth-child(n+2):nth-child(-n+5), .ledger :is(td, th):first-child,
.visits :is(td, th):last-child, .waivers :is(td, th):nth-child(5), .portfolio-table :is(td, th):nth-child(n+3):nth-child(-n+5) { text-align: right; font-variant-numeric: tabular-nums; }
.status { display: inline-block; min-width: 4.5rem; padding: 0 .4rem; border-radius: .25rem; font-weight: 600; text-align: center; }
/* A status, a verdict or a problem: .pass, .fail, .error, .waived, .advisory, .skipped. */
.pass { color: var(--pass); background: var(--pass-bg); }
.fail, .error { color: var(--fail); background: var(--fail-bg); }
.waived, .advisory { color: var(--warn); background: var(--warn-bg); }
.skipped { color: var(--skip); background: var(--skip-bg); }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: .3rem; font-weight: 700; }
ul.problems { margin: .25rem 0 0; padding-left: 1.1rem; }
.hint { margin: .25rem 0 0; }
pre { background: var(--panel); border: 1px solid var(--line); padding: .5rem; overflow-x: auto; white-space: pre-wrap; word-break: break-word; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: .4rem; padding: .75rem 1rem; margin: .5rem 0; }
svg { max-width: 100%; height: auto; }
svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
.timeline text { text-anchor: end; font-size: 13px; }
svg .axis { stroke: var(--muted); }
svg .lane { fill: var(--lane); }
svg .bar { fill: var(--accent); }
svg .bar-current { fill: var(--pass); }
svg .mark { fill: var(--bg); stroke: var(--fg); stroke-width: 2; }
svg .mark-reopen, svg .return { stroke: var(--warn); }
svg .mark-terminate { stroke: var(--fail); }
svg .return { fill: none; stroke-width: 2; }
svg .now { stroke: var(--fail); stroke-dasharray: 4 3; }
svg .margin { stroke: var(--fail); stroke-dasharray: 3 3; }
svg .zero { stroke: var(--muted); }
svg .interval { stroke: var(--fg); stroke-width: 3; }
svg .delta { fill: var(--accent); }
.sorted { display: none; }
.sorted:target { display: block; }
.portfolio:has(.sorted:target) .unsorted { display: none; }
nav.toc ul { columns: 3 14rem; padding-left: 1.1rem; }
.project + .project { border-top: 3px solid var(--line); margin-top: 3rem; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
@media print {
  :root { color-scheme: light; --bg: #fff; --fg: #000; --muted: #333; --panel: #fff; --lane: #eee; --link: #000; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .sorted, .no-print, .skip, nav.toc { display: none !important; }
  .portfolio .unsorted { display: block !important; }
  h2, h3 { break-after: avoid; }
  table, .card, figure { break-inside: avoid; }
  .project { break-before: page; }
  .project:first-of-type { break-before: auto; }
  a { text-decoration: none; }
}
`;
