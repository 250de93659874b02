/**
 * Deterministic benchmark corpus: ~1 MiB of mixed documents and 5,000 ~200-char chat
 * messages, built from installed package files (READMEs, .d.ts, package.json) plus a seeded
 * PRNG for CJK text, request bodies and logs. The same node_modules give the same corpus.
 */
import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createRandom, type Random } from "./lib/random.js";
import { cjkText, hex, logLine, models, requestBody, routes } from "./lib/synthetic-text.js";

export type DocumentKind = "prose" | "code" | "json" | "cjk" | "logs";

export interface CorpusDocument {
  kind: DocumentKind;
  source: string;
  text: string;
}

export interface Corpus {
  documents: CorpusDocument[];
  chat: string[];
  /** UTF-8 bytes per kind and in total. */
  bytes: Record<DocumentKind | "total" | "chat", number>;
  sha256: { documents: string; chat: string };
}

/** UTF-8 budget per kind (≈ 1 MiB in total, mix as in research/performance.md). */
const QUOTA_BYTES: Record<DocumentKind, number> = {
  prose: 380 * 1024,
  code: 280 * 1024,
  json: 170 * 1024,
  cjk: 130 * 1024,
  logs: 70 * 1024,
};
const MAX_DOCUMENT_BYTES = 24 * 1024;
const CHAT_MESSAGES = 5000;
const CHAT_CHARS = 200;

const utf8Bytes = (text: string): number => Buffer.byteLength(text, "utf8");

/** Special-token text makes tiktoken-style encoders throw by default: break it up. */
export function defuse(text: string): string {
  return text.replaceAll("<|", "< |").replaceAll("|>", "| >");
}

function truncateBytes(text: string, maxBytes: number): string {
  if (utf8Bytes(text) <= maxBytes) return text;
  let end = Math.min(text.length, maxBytes);
  while (utf8Bytes(text.slice(0, end)) > maxBytes) end = Math.floor(end * 0.9);
  const newline = text.lastIndexOf("\n", end);
  return text.slice(0, newline > end / 2 ? newline : end);
}

/** Real package directories (not pnpm's symlinks) under node_modules/.pnpm, sorted. */
function packageDirectories(rootDir: string): string[] {
  const store = join(rootDir, "node_modules", ".pnpm");
  const directories: string[] = [];
  for (const entry of readdirSync(store).sort()) {
    const modules = join(store, entry, "node_modules");
    let names: string[];
    try {
      names = readdirSync(modules).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const candidates = name.startsWith("@")
        ? readdirSync(join(modules, name))
            .sort()
            .map((scoped) => join(modules, name, scoped))
        : [join(modules, name)];
      for (const candidate of candidates) {
        const stats = lstatSync(candidate);
        if (stats.isDirectory() && !stats.isSymbolicLink()) directories.push(candidate);
      }
    }
  }
  return directories;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** Up to `limit` .d.ts files under a package, breadth-first, sorted. */
function declarationFiles(directory: string, limit: number): string[] {
  const found: string[] = [];
  const queue = [directory];
  while (queue.length > 0 && found.length < limit) {
    const current = queue.shift() as string;
    let entries: string[];
    try {
      entries = readdirSync(current).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry === "node_modules" || entry.startsWith(".")) continue;
      const path = join(current, entry);
      const stats = lstatSync(path);
      if (stats.isDirectory()) queue.push(path);
      else if (entry.endsWith(".d.ts") && stats.size > 400) found.push(path);
      if (found.length >= limit) break;
    }
  }
  return found;
}

function stripFencedCode(markdown: string): string {
  return markdown.replace(/```[\s\S]*?```/g, "").replace(/\n{3,}/g, "\n\n");
}

/** Builds the corpus from `rootDir`'s installed packages. Deterministic. */
export function buildCorpus(rootDir: string, seed = 20_260_101): Corpus {
  const random = createRandom(seed);
  const documents: CorpusDocument[] = [];
  const used: Record<DocumentKind, number> = { prose: 0, code: 0, json: 0, cjk: 0, logs: 0 };
  const add = (
    kind: DocumentKind,
    source: string,
    raw: string,
    capBytes = MAX_DOCUMENT_BYTES,
  ): void => {
    const room = QUOTA_BYTES[kind] - used[kind];
    if (room < 512) return;
    const text = truncateBytes(defuse(raw), Math.min(capBytes, room));
    if (text.trim().length === 0) return;
    documents.push({ kind, source, text });
    used[kind] += utf8Bytes(text);
  };

  for (const directory of packageDirectories(rootDir)) {
    const name = directory.slice(directory.lastIndexOf("node_modules") + 13);
    const readme = readText(join(directory, "README.md")) ?? readText(join(directory, "readme.md"));
    if (readme !== undefined) add("prose", `${name}/README.md`, stripFencedCode(readme), 16 * 1024);
    if (used.json < QUOTA_BYTES.json / 2) {
      const manifest = readText(join(directory, "package.json"));
      if (manifest !== undefined) add("json", `${name}/package.json`, manifest, 8 * 1024);
    }
    if (used.code < QUOTA_BYTES.code) {
      for (const file of declarationFiles(directory, 2)) {
        add("code", `${name}/${file.slice(directory.length + 1)}`, readText(file) ?? "", 12 * 1024);
      }
    }
  }

  const sentences = documents
    .filter((document) => document.kind === "prose")
    .flatMap((document) => document.text.split(/(?<=[.!?])\s+/))
    .map((sentence) => sentence.replace(/\s+/g, " ").trim())
    .filter(
      (sentence) => sentence.length >= 30 && sentence.length <= 200 && /^[A-Z]/.test(sentence),
    );

  for (let index = 0; used.json < QUOTA_BYTES.json - 512; index++) {
    let body = "";
    while (body.length < 6000) body += `${requestBody(random, sentences)}\n`;
    add("json", `synthetic/request-${index}.json`, body, 8 * 1024);
  }
  for (let index = 0; used.cjk < QUOTA_BYTES.cjk - 512; index++) {
    add("cjk", `synthetic/cjk-${index}.txt`, cjkText(random, 2000 + random.int(4000)), 12 * 1024);
  }
  for (let index = 0; used.logs < QUOTA_BYTES.logs - 512; index++) {
    const lines = Array.from({ length: 40 }, (_, line) => logLine(random, index * 40 + line));
    add("logs", `synthetic/log-${index}.log`, lines.join("\n"), 8 * 1024);
  }

  random.shuffle(documents);
  const chat = buildChat(random, documents, sentences);
  const hash = (text: string): string => createHash("sha256").update(text).digest("hex");
  const total = Object.values(used).reduce((sum, value) => sum + value, 0);
  return {
    documents,
    chat,
    bytes: { ...used, total, chat: chat.reduce((sum, message) => sum + utf8Bytes(message), 0) },
    sha256: {
      documents: hash(JSON.stringify(documents)),
      chat: hash(JSON.stringify(chat)),
    },
  };
}

/** 5,000 messages of ~200 chars: 70% English, 10% code, 10% CJK, 10% small JSON. */
function buildChat(
  random: Random,
  documents: readonly CorpusDocument[],
  sentences: readonly string[],
): string[] {
  const codeLines = documents
    .filter((document) => document.kind === "code")
    .flatMap((document) => document.text.split("\n"))
    .filter((line) => line.trim().length > 10);
  const chat: string[] = [];
  for (let index = 0; index < CHAT_MESSAGES; index++) {
    const draw = random.next();
    let message = "";
    if (draw < 0.7) {
      while (message.length < CHAT_CHARS - 40) message += `${random.pick(sentences)} `;
    } else if (draw < 0.8) {
      let line = random.int(Math.max(1, codeLines.length - 20));
      while (message.length < CHAT_CHARS - 40) message += `${codeLines[line++] ?? ""}\n`;
    } else if (draw < 0.9) {
      message = cjkText(random, CHAT_CHARS - 20 + random.int(40));
    } else {
      message = JSON.stringify({
        id: hex(random, 8),
        model: random.pick(models),
        route: random.pick(routes),
        tokens: random.int(5000),
        ok: random.next() < 0.8,
        note: random.pick(sentences).slice(0, 80),
      });
    }
    chat.push(defuse(message.slice(0, CHAT_CHARS + 40).trim()));
  }
  return chat;
}
