export { renderAggregateTable } from "./aggregate-table.js";
export { collectReportData } from "./collect-report-data.js";
export { renderHtmlReport } from "./render-html-report.js";
export { renderTextReport, type TextReportOptions } from "./render-text-report.js";
export type {
  CollectReportOptions,
  ReportData,
  Timeline,
  TimelinePoint,
} from "./report-data.js";
