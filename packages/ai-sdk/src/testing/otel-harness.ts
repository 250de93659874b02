import { context, type Meter, type Tracer } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import {
  AggregationTemporality,
  type DataPoint,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from "@opentelemetry/sdk-metrics";
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from "@opentelemetry/sdk-trace-base";

/** What {@link otelHarness} returns. */
export interface OtelHarness {
  meter: Meter;
  tracer: Tracer;
  /** Every span ended so far. */
  spans(): ReadableSpan[];
  /** Collect now and return every data point of the metric `name`. */
  points(name: string): Promise<DataPoint<unknown>[]>;
  close(): Promise<void>;
}

/** An OTel SDK wired to in-memory exporters, and readers of what they saw. */
export function otelHarness(): OtelHarness {
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({
    exporter: metricExporter,
    exportIntervalMillis: 3_600_000,
  });
  const meterProvider = new MeterProvider({ readers: [reader] });
  const spanExporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({
    spanProcessors: [new SimpleSpanProcessor(spanExporter)],
  });
  return {
    meter: meterProvider.getMeter("test"),
    tracer: tracerProvider.getTracer("test"),
    spans: () => spanExporter.getFinishedSpans(),
    async points(name: string): Promise<DataPoint<unknown>[]> {
      metricExporter.reset();
      await reader.forceFlush();
      const all = metricExporter.getMetrics().flatMap((resource) => resource.scopeMetrics);
      const metric = all.flatMap((scope) => scope.metrics).find((m) => m.descriptor.name === name);
      return (metric?.dataPoints ?? []) as DataPoint<unknown>[];
    },
    async close(): Promise<void> {
      await meterProvider.shutdown();
      await tracerProvider.shutdown();
      context.disable();
    },
  };
}

/** The value of the one point whose attributes include `match`. */
export function pointValue(
  points: readonly DataPoint<unknown>[],
  match: Record<string, unknown>,
): unknown {
  const found = points.filter((point) =>
    Object.entries(match).every(([key, value]) => point.attributes[key] === value),
  );
  if (found.length !== 1) {
    throw new Error(`expected one point matching ${JSON.stringify(match)}, got ${found.length}`);
  }
  return found[0]?.value;
}
