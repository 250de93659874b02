/**
 * What the simulated users send and what the simulated models answer: plausible text built
 * from a seeded {@link Random}, so token counts look like real traffic and repeat exactly.
 */
import type { Random } from "./random.js";

const TOPICS = [
  "the Q3 logistics review",
  "the supplier audit in Rotterdam",
  "the new returns process",
  "the warehouse staffing plan",
  "the pricing test in Germany",
  "the churn analysis for small businesses",
  "the data retention project",
  "the payment provider migration",
] as const;

const SENTENCES = [
  (topic: string) => `The working group met twice this month to discuss ${topic}.`,
  (topic: string) => `Costs related to ${topic} came in 4.2% above the approved budget.`,
  () => "Delivery times improved from 3.1 to 2.6 working days on average across all regions.",
  () => "Two open risks remain: the contract renewal with the carrier and the holiday peak.",
  (topic: string) => `The owner of ${topic} asked for a decision before the end of the quarter.`,
  () => "Customer satisfaction scores stayed flat at 4.3 out of 5 despite the longer queues.",
  () => "Finance flagged a one-off cost of EUR 18,400 for temporary staff in September.",
  () => "Legal confirmed that the new terms need no renegotiation with existing partners.",
  (topic: string) => `A follow-up on ${topic} is planned for the next steering committee.`,
  () => "The team proposes to automate the weekly report and retire the old spreadsheet.",
  () => "Three options were compared; the cheapest one was rejected for compliance reasons.",
  () => "Volumes are expected to grow by 12 to 15 percent next year, mostly in the north.",
] as const;

/** A report or memo to summarize: 20 to 140 paragraphs (about 1,500 to 10,000 tokens). */
export function documentText(random: Random): string {
  const topic = random.pick(TOPICS);
  const paragraphs = Array.from({ length: random.int(20, 140) }, (_, index) => {
    const sentences = Array.from({ length: random.int(3, 6) }, () => random.pick(SENTENCES)(topic));
    return `${index + 1}. ${sentences.join(" ")}`;
  });
  return `Subject: ${topic}\n\n${paragraphs.join("\n\n")}`;
}

const QUESTIONS = [
  "Where is my order? It should have arrived on Tuesday.",
  "I was charged twice for the same order, can you fix that?",
  "How do I return a jacket that is too small?",
  "My refund has not arrived after two weeks.",
  "Can I change the delivery address of an order that already shipped?",
  "The voucher code from your newsletter does not work at checkout.",
  "I can't log in, the reset email never comes.",
  "Do you deliver to Switzerland, and are there customs fees?",
] as const;

/** A customer's chat message. */
export function chatQuestion(random: Random): string {
  const order = random.int(100_000, 999_999);
  return `${random.pick(QUESTIONS)} Order number ${order}. ${random.pick(SENTENCES)("my order")}`;
}

/** A support ticket for the classifier. */
export function ticketText(random: Random): string {
  const lines = Array.from({ length: random.int(4, 16) }, () => random.pick(QUESTIONS));
  return `Ticket #${random.int(10_000, 99_999)} from a customer:\n${lines.join("\n")}`;
}

/** A question for the research agent, and the account it is about. */
export function agentQuestion(random: Random): { question: string; account: string } {
  const account = random.pick(["Contoso", "Fabrikam", "Initech", "Umbrella", "Hooli", "Vandelay"]);
  const contact = random.pick(["Anna Berg", "Luis Ortega", "Mei Chen", "Tom Okafor", "Sara Lind"]);
  const ask = random.pick([
    "what did they order this quarter, and is anything late?",
    "which orders are still open and who owns the account?",
    "are their volumes growing or shrinking compared with last quarter?",
    "is there anything I should apologise for before we talk about renewal?",
  ]);
  const when = random.pick(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]);
  const time = `${random.int(8, 17)}:${random.pick(["00", "15", "30", "45"])}`;
  const question = `I have a call with ${contact} from ${account} on ${when} at ${time}: ${ask}`;
  return { question, account };
}

/** A model's answer of about `words` words. */
export function answerText(random: Random, words: number): string {
  const parts: string[] = [];
  let count = 0;
  while (count < words) {
    const sentence = random.pick(SENTENCES)(random.pick(TOPICS));
    parts.push(sentence);
    count += sentence.split(" ").length;
  }
  return parts.join(" ");
}

/** Ticket labels the classifier answers with. */
export const TICKET_LABELS = ["billing", "delivery", "returns", "account", "technical"] as const;
