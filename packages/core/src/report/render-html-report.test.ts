import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memoryStore } from "../store/memory-store.js";
import { hasChromium, withChromium } from "./__fixtures__/headless-chromium.js";
import {
  SAMPLE_BUDGETS,
  SAMPLE_END_ISO,
  seedSampleWorkload,
} from "./__fixtures__/sample-workload.js";
import { collectReportData } from "./collect-report-data.js";
import { renderHtmlReport } from "./render-html-report.js";
import type { ReportData } from "./report-data.js";

const chromiumMissing = !hasChromium();
if (chromiumMissing && process.env.CI) {
  throw new Error(
    "Chromium is required in CI to check the HTML report: apt-get install -y chromium",
  );
}

let data: ReportData;
let html: string;
let directory: string;

beforeAll(async () => {
  const store = memoryStore();
  await seedSampleWorkload(store);
  data = await collectReportData({
    store,
    budgets: SAMPLE_BUDGETS,
    now: Date.parse(SAMPLE_END_ISO),
  });
  html = renderHtmlReport(data);
  directory = mkdtempSync(join(tmpdir(), "tokenledger-report-"));
});

afterAll(() => {
  if (directory) rmSync(directory, { recursive: true, force: true });
});

describe("renderHtmlReport", () => {
  it("is one self-contained page: no scripts, no external URLs, text escaped", async () => {
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|url\(|@import/i);
    expect(html).not.toMatch(/https?:\/\//);
    const store = memoryStore();
    await store.append([
      {
        id: "x",
        time: SAMPLE_END_ISO,
        kind: "chat",
        provider: "openai",
        requestedModel: "gpt-4o",
        model: "gpt-4o",
        usage: { inputTokens: 1, outputTokens: 1 },
        cost: null,
        costNanoUsd: 12_500,
        priced: true,
        estimated: false,
        status: "ok",
        context: { userId: '<img src=x onerror="alert(1)">' },
      },
    ]);
    const hostile = renderHtmlReport(
      await collectReportData({ store, now: Date.parse(SAMPLE_END_ISO) }),
    );
    expect(hostile).not.toContain("<img");
    expect(hostile).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it.skipIf(chromiumMissing)(
    "renders in headless Chromium with no console errors, and every chart draws",
    async () => {
      const file = join(directory, "report.html");
      writeFileSync(file, html);
      const result = await withChromium(async (context) => {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on("console", (message) => {
          if (message.type() === "error" || message.type() === "warning")
            problems.push(message.text());
        });
        page.on("pageerror", (error) => problems.push(error.message));
        const requests: string[] = [];
        page.on("request", (request) => {
          if (!request.url().startsWith("file:")) requests.push(request.url());
        });
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        const charts = await page.$$eval("svg[data-chart]", (svgs) =>
          svgs.map((svg) => {
            const box = svg.getBoundingClientRect();
            const shapes = [...svg.querySelectorAll("rect, path, line")].filter((shape) => {
              const size = (shape as SVGGraphicsElement).getBBox();
              return size.width > 0 || size.height > 0;
            });
            return {
              name: svg.dataset.chart,
              width: box.width,
              height: box.height,
              shapes: shapes.length,
            };
          }),
        );
        const insightCards = await page.locator("article.insight").count();
        await page.screenshot({ path: "/tmp/report.png", fullPage: true });
        return { problems, requests, charts, insightCards };
      });
      expect(result.problems).toEqual([]);
      expect(result.requests).toEqual([]);
      expect(result.charts.map((chart) => chart.name).sort()).toEqual(
        ["budgets", "by-model", "by-user", "timeline"].sort(),
      );
      for (const chart of result.charts) {
        expect(chart.width, chart.name).toBeGreaterThan(200);
        expect(chart.height, chart.name).toBeGreaterThan(50);
        expect(chart.shapes, chart.name).toBeGreaterThan(2);
      }
      expect(result.insightCards).toBe(data.insights.length);
      expect(result.insightCards).toBeGreaterThan(0);
    },
    120_000,
  );
});
