/** Seeded synthetic text for the corpus: CJK from phrases, log lines, chat request bodies. */
import type { Random } from "./random.js";

const zhPhrases = [
  "今天的天气很好",
  "我们一起去公园散步",
  "这个模型的价格比较便宜",
  "请帮我总结这篇文章",
  "系统正在处理你的请求",
  "用户的预算已经用完了",
  "这是一个关于机器学习的问题",
  "数据库连接失败",
  "请稍后再试",
  "我们需要更多的训练数据",
  "他在图书馆看书",
  "这家餐厅的菜非常好吃",
  "会议将在下午三点开始",
  "请把文件发送到我的邮箱",
  "开发团队正在修复这个错误",
  "成本控制非常重要",
];
const jaPhrases = [
  "今日はとても良い天気です",
  "この文章を要約してください",
  "リクエストを処理しています",
  "予算の上限に達しました",
  "しばらくしてからもう一度お試しください",
  "東京駅で友達に会いました",
  "新しいモデルはとても速いです",
  "データベースに接続できません",
  "会議は午後三時に始まります",
  "ファイルをメールで送ってください",
  "桜の花がきれいに咲いています",
  "開発チームが修正しています",
];
const koPhrases = [
  "오늘 날씨가 정말 좋네요",
  "이 글을 요약해 주세요",
  "요청을 처리하고 있습니다",
  "예산 한도에 도달했습니다",
  "잠시 후에 다시 시도해 주세요",
  "서울역에서 친구를 만났어요",
  "새 모델은 매우 빠릅니다",
  "데이터베이스에 연결할 수 없습니다",
  "회의는 오후 세 시에 시작합니다",
  "파일을 이메일로 보내 주세요",
  "개발 팀이 버그를 고치고 있습니다",
  "비용 관리가 중요합니다",
];

/** Distinct common Han characters (from the Chinese phrases), for unbroken Han runs. */
export function hanCharacters(): string[] {
  return [...new Set(zhPhrases.join(""))].filter((character) => /\p{Script=Han}/u.test(character));
}

export function cjkText(random: Random, chars: number): string {
  const [phrases, comma, stop, space] = random.pick([
    [zhPhrases, "，", "。", ""],
    [jaPhrases, "、", "。", ""],
    [koPhrases, ",", ".", " "],
  ] as const);
  let text = "";
  while (text.length < chars) {
    text += random.pick(phrases) + (random.next() < 0.6 ? comma : stop) + space;
  }
  return text.slice(0, chars);
}

export const models: readonly string[] = [
  "gpt-4o",
  "gpt-4o-mini",
  "claude-sonnet-4-5",
  "gemini-2.5-flash",
  "o4-mini",
];
export const routes: readonly string[] = [
  "/api/chat",
  "/api/embed",
  "/v1/responses",
  "/api/summarize",
  "/healthz",
];
const levels = ["INFO", "INFO", "INFO", "WARN", "DEBUG", "ERROR"];

export function hex(random: Random, length: number): string {
  let text = "";
  for (let index = 0; index < length; index++) text += "0123456789abcdef"[random.int(16)];
  return text;
}

export function logLine(random: Random, index: number): string {
  const time = new Date(Date.UTC(2026, 0, 1) + index * 1371 + random.int(1000)).toISOString();
  const tokensIn = 20 + random.int(9000);
  const tokensOut = random.int(2000);
  const cost = (tokensIn * 2.5 + tokensOut * 10) / 1e6;
  return `${time} ${random.pick(levels)} [req=${hex(random, 16)}] model=${random.pick(models)} route=${random.pick(routes)} tokens_in=${tokensIn} tokens_out=${tokensOut} cost_usd=${cost.toFixed(6)} latency_ms=${50 + random.int(4000)} status=${random.pick([200, 200, 200, 429, 500])}`;
}

export function requestBody(random: Random, sentences: readonly string[]): string {
  const messages = [{ role: "system", content: random.pick(sentences) }];
  for (let turn = 0; turn < 1 + random.int(4); turn++) {
    messages.push({ role: turn % 2 === 0 ? "user" : "assistant", content: random.pick(sentences) });
  }
  return JSON.stringify(
    {
      model: random.pick(models),
      messages,
      temperature: random.int(10) / 10,
      max_tokens: 256 + random.int(2048),
      stream: random.next() < 0.5,
    },
    null,
    random.next() < 0.5 ? 2 : undefined,
  );
}
