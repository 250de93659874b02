/** The report's stylesheet: system fonts, one accent, tabular numbers, light and dark. */
export const REPORT_STYLES: string = `
:root {
  --bg: #f6f7f9; --card: #ffffff; --ink: #151a23; --muted: #5f6b7a; --faint: #98a2b3;
  --line: #e4e7ec; --track: #eef0f4; --accent: #4f46e5;
  --s0: #4f46e5; --s1: #0ea5e9; --s2: #14b8a6; --s3: #f59e0b; --s4: #ec4899; --s5: #a3acb9;
  --ok: #4f46e5; --warn: #f59e0b; --over: #e11d48; --save: #047857;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0f1218; --card: #171b23; --ink: #e8ebf1; --muted: #a1aab8; --faint: #6b7584;
    --line: #272d38; --track: #232935; --accent: #818cf8;
    --s0: #818cf8; --s1: #38bdf8; --s2: #2dd4bf; --s3: #fbbf24; --s4: #f472b6; --s5: #6b7584;
    --ok: #818cf8; --warn: #fbbf24; --over: #fb7185; --save: #34d399;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  -webkit-font-smoothing: antialiased;
}
main { max-width: 1080px; margin: 0 auto; padding: 40px 24px 56px; }
header { display: flex; justify-content: space-between; align-items: flex-end; gap: 24px; margin-bottom: 28px; flex-wrap: wrap; }
.brand { font-size: 13px; font-weight: 600; letter-spacing: .08em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 4px 0 2px; font-size: 28px; font-weight: 650; letter-spacing: -.01em; }
.period { color: var(--muted); font-size: 14px; }
.meta { color: var(--faint); font-size: 12.5px; text-align: right; }
h2 { font-size: 15px; font-weight: 600; margin: 0 0 14px; }
h2 small { color: var(--faint); font-weight: 400; margin-left: 6px; }
.kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-bottom: 16px; }
.kpi { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 14px 16px; }
.kpi .name { color: var(--muted); font-size: 12.5px; }
.kpi .number { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; letter-spacing: -.01em; }
.kpi .sub { color: var(--faint); font-size: 12.5px; }
.kpi.save .number { color: var(--save); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 18px 20px; margin-bottom: 16px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.grid .card { margin-bottom: 0; }
.grid + .card, .grid + .grid { margin-top: 16px; }
.chart { display: block; width: 100%; height: auto; overflow: visible; }
.chart text { font: 12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--ink); }
.chart .axis, .chart .note { fill: var(--muted); font-size: 11.5px; }
.chart .value { fill: var(--muted); font-variant-numeric: tabular-nums; }
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .baseline { stroke: var(--faint); stroke-width: 1; }
.chart .track { fill: var(--track); }
.chart .tick { stroke: var(--faint); stroke-width: 1.5; }
.s0 { fill: var(--s0); } .s1 { fill: var(--s1); } .s2 { fill: var(--s2); }
.s3 { fill: var(--s3); } .s4 { fill: var(--s4); } .s5 { fill: var(--s5); }
.budget.ok .spent { fill: var(--ok); } .budget.warn .spent { fill: var(--warn); } .budget.over .spent { fill: var(--over); }
.budget .held { fill: var(--faint); opacity: .45; }
.budget.over .note { fill: var(--over); } .budget.warn .note { fill: var(--ink); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; margin-top: 10px; color: var(--muted); font-size: 12.5px; }
.legend span::before { content: ""; display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; background: var(--c); vertical-align: -1px; }
.empty { color: var(--faint); font-size: 14px; margin: 4px 0; }
.insights { display: grid; gap: 10px; }
.insight { display: grid; grid-template-columns: 1fr auto; gap: 4px 20px; padding: 12px 14px; border: 1px solid var(--line); border-radius: 10px; }
.insight .kind { font-size: 11.5px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; color: var(--accent); }
.insight .title { font-weight: 600; }
.insight .detail { color: var(--muted); font-size: 13.5px; grid-column: 1 / -1; }
.insight .worth { text-align: right; grid-row: 1 / 3; grid-column: 2; align-self: center; }
.insight .worth b { display: block; font-size: 18px; color: var(--save); font-variant-numeric: tabular-nums; }
.insight .worth.held b { color: var(--warn); }
.insight .worth small { color: var(--faint); font-size: 12px; }
.footnote { color: var(--faint); font-size: 12.5px; margin: 10px 0 0; }
table { width: 100%; border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; }
th { text-align: left; color: var(--muted); font-weight: 500; font-size: 12.5px; border-bottom: 1px solid var(--line); padding: 6px 8px; }
td { padding: 6px 8px; border-bottom: 1px solid var(--line); }
tr:last-child td { border-bottom: 0; }
th.num, td.num { text-align: right; }
td.key { max-width: 260px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
tfoot td { font-weight: 600; border-top: 1px solid var(--line); }
footer { color: var(--faint); font-size: 12.5px; margin-top: 28px; }
@media (max-width: 640px) { .grid { grid-template-columns: 1fr; } main { padding: 24px 14px; } }
@media print { body { background: #fff; } .card, .kpi { break-inside: avoid; } }
`;
