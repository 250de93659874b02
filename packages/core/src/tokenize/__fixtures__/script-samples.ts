/**
 * Sample texts by script for calibrating the table-free estimator (written for this test;
 * the code sample is a few lines in this repository's own style).
 */
export const SCRIPT_SAMPLES: Readonly<Record<string, string>> = {
  englishProse:
    "The ledger holds the worst case of every call before it is made, then settles the exact " +
    "cost once the provider reports its usage. A budget that cannot hold the next call refuses " +
    "it before any money is spent, and the refusal names the rule, the scope and the window. " +
    "Teams use it to keep one runaway agent from spending the whole month's allowance overnight, " +
    "and to see, per feature and per customer, what each conversation really costs.",
  englishChat:
    "Hi! Could you summarize this email for me? I need the three key points, and please keep it " +
    "short — my manager wants it by 5pm. Thanks so much, you're a lifesaver :)",
  typescript: [
    "export async function settleCall(runtime: LedgerRuntime, usage: Usage): Promise<UsageRecord> {",
    "  const costNanoUsd = runtime.price(usage.model, usage, runtime.now());",
    "  if (costNanoUsd > Number.MAX_SAFE_INTEGER) {",
    '    throw new InvalidUsageError({ field: "usage", message: "cost overflow: " + costNanoUsd });',
    "  }",
    "  for (const plan of runtime.budgets.bucketsFor({ context, model, now: Date.now() })) {",
    "    await runtime.store.settle(plan.key, { holdId, amount: costNanoUsd, ttlMs: 600_000 });",
    "  }",
    "  return { id: nextCallId(), usage, cost: costNanoUsd, status: 'ok' };",
    "}",
  ].join("\n"),
  json: JSON.stringify(
    {
      model: "gpt-4o-mini",
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: "List three fruits." },
      ],
      temperature: 0.2,
      max_tokens: 256,
      tools: [
        { type: "function", function: { name: "get_weather", parameters: { city: "Paris" } } },
      ],
    },
    null,
    2,
  ),
  numbers:
    "Order 48213 shipped on 2026-11-22 at 14:05; total 1,284.50 USD for 37 items (ids 90817, 22736).",
  chinese:
    "预算在每次调用之前保留最坏情况的费用，调用结束后按照实际用量结算。如果预算无法容纳下一次调用，" +
    "系统会在花钱之前拒绝它，并说明是哪条规则、哪个范围和哪个时间窗口。",
  japanese:
    "この台帳は、呼び出しの前に最悪の場合の費用を確保し、呼び出しの後で実際の使用量に基づいて精算します。" +
    "予算が足りない場合は、お金を使う前に呼び出しを拒否します。",
  korean:
    "이 장부는 호출하기 전에 최악의 경우 비용을 확보하고, 호출이 끝나면 실제 사용량으로 정산합니다. " +
    "예산이 부족하면 돈을 쓰기 전에 호출을 거부합니다.",
  russian:
    "Журнал резервирует наихудшую стоимость каждого вызова заранее, а после вызова списывает точную сумму " +
    "по фактическому использованию. Если бюджет не может вместить следующий вызов, он отклоняется.",
  mixed:
    "Summary (摘要): the user asked about pricing — 价格 — for 3 models; reply in English and 中文. " +
    "See https://example.com/docs?page=2#budgets for details.",
};
