/**
 * The research agent's data source: the orders of an account, as a tool returns them. Made up
 * deterministically from the account name, and big enough to weigh on the next step's input.
 */
import { createRandom } from "./random.js";

export interface AccountRecords {
  account: string;
  owner: string;
  orders: { id: string; placed: string; items: number; totalEur: number; status: string }[];
}

export function accountRecords(account: string): AccountRecords {
  let seed = 7;
  for (const character of account) seed = (seed * 31 + character.charCodeAt(0)) >>> 0;
  const random = createRandom(seed);
  const orders = Array.from({ length: random.int(12, 40) }, () => ({
    id: `SO-${random.int(10_000, 99_999)}`,
    placed: `2026-0${random.int(1, 2)}-${String(random.int(1, 28)).padStart(2, "0")}`,
    items: random.int(1, 40),
    totalEur: random.int(200, 90_000) / 10,
    status: random.pick(["delivered", "delivered", "shipped", "late", "processing"]),
  }));
  return { account, owner: random.pick(["j.smith", "a.moreau", "k.tanaka"]), orders };
}
