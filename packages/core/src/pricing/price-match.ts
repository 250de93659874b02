import type { MatchRule } from "./catalog-snapshot.js";

/**
 * How a model id was matched to the price entry that priced it (contract):
 * - `exact`: the id is the entry's id.
 * - `snapshot`: a dated snapshot of the entry (`gpt-4o-2024-08-06`, `claude-sonnet-4-5@20250929`).
 * - `alias`: a name the data declares for the entry (`claude-sonnet-4.5`, `grok-4`), or one with an
 *   API version suffix (Bedrock's `-v1:0`) or `-latest`.
 * - `family`: only a prefix / pattern rule of the entry matched (`claude-opus-5-thinking` by
 *   `startsWith: "claude-opus-5"`), or the price is borrowed from another provider: an
 *   approximate price, never silent (`approximate-price` event, the `unknownModel` policy).
 *   A declared name followed by a version number (`claude-opus-5-5`) is a newer model: no match.
 */
export type PriceMatch = "exact" | "snapshot" | "alias" | "family";

/** Lower rank is better: a lookup keeps searching past a `family` hit for a better one. */
export const PRICE_MATCH_RANK: Readonly<Record<PriceMatch, number>> = {
  exact: 0,
  snapshot: 1,
  alias: 2,
  family: 3,
};

/**
 * Date suffixes of snapshots: `-20250929`, `-2024-08-06`, `@20250929`, `-0709` (MMDD), `-06-17`
 * (MM-DD of Google previews), `-03-2025` (Cohere's MM-YYYY).
 */
const DATE_SUFFIX =
  /(?:[-@](?:20\d{2}-?(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])-?(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])-20\d{2}))$/;
/** Google's stable versions: `gemini-2.0-flash-001`. */
const GEMINI_VERSION = /^(gemini-.+)-\d{3}$/;
/** Suffixes naming the same model: Bedrock's API version (`-v1:0`, `-v2`) and `-latest`. */
const VERSION_SUFFIX = /(?:-v\d+(?::\d+)?|-latest)$/;
/**
 * Prefixes naming where a model runs, not which model: Bedrock's `bedrock/<region>/`,
 * `invoke/`, cross-region profiles (`us.`, `eu.`, `apac.`…; not `global.`, priced apart) and
 * the vendor (`anthropic.`, `amazon.`, `meta.`…).
 */
const LOCATION_PREFIXES: readonly RegExp[] = [
  /^bedrock\//,
  /^[a-z]{2}(?:-gov)?-[a-z]+-\d\//,
  /^(?:invoke|converse)\//,
  /^(?:us|eu|apac|au|jp|ca|us-gov)\./,
  /^(?:anthropic|amazon|meta|mistral|cohere|ai21|deepseek|openai|qwen|writer)\./,
];

/**
 * The literal names a match rule declares for its entry: every `equals`, `startsWith` and
 * `contains` text under an `or` (lower case). `and`, `endsWith` and `regex` declare none.
 */
export function declaredNames(rule: MatchRule): string[] {
  const names: string[] = [];
  const visit = (clause: MatchRule): void => {
    if ("equals" in clause) names.push(clause.equals.toLowerCase());
    else if ("startsWith" in clause) names.push(clause.startsWith.toLowerCase());
    else if ("contains" in clause) names.push(clause.contains.toLowerCase());
    else if ("or" in clause) for (const inner of clause.or) visit(inner);
  };
  visit(rule);
  return names;
}

/** The id without a trailing snapshot date, or `undefined` when it has none. */
export function withoutSnapshotDate(lowerId: string): string | undefined {
  const gemini = GEMINI_VERSION.exec(lowerId);
  if (gemini?.[1] !== undefined) return gemini[1];
  const stripped = lowerId.replace(DATE_SUFFIX, "");
  return stripped !== lowerId && stripped.length > 0 ? stripped : undefined;
}

/** The id with each leading location prefix removed in turn (`us.anthropic.x` → `anthropic.x`, `x`). */
function withoutLocation(lowerId: string): string[] {
  const forms: string[] = [];
  let current = lowerId;
  for (const prefix of LOCATION_PREFIXES) {
    const next = current.replace(prefix, "");
    if (next !== current && next.length > 0) {
      current = next;
      forms.push(current);
    }
  }
  return forms;
}

/** The id without version / `-latest` suffixes, or `undefined` when it has none. */
function withoutVersion(lowerId: string): string | undefined {
  let current = lowerId;
  for (let next = current.replace(VERSION_SUFFIX, ""); next !== current && next.length > 0; ) {
    current = next;
    next = current.replace(VERSION_SUFFIX, "");
  }
  return current !== lowerId ? current : undefined;
}

/**
 * How `lowerId` relates to an entry whose id is `entryLowerId` and whose rule declares `names`,
 * given whether the entry's rule matched it: `exact`, `snapshot` or `alias` when the id is the
 * entry's id or a declared name (up to a version suffix and a snapshot date), `family` when only
 * the rule matched, `undefined` when neither.
 */
export function classifyMatch(
  lowerId: string,
  entryLowerId: string,
  names: readonly string[],
  ruleMatched: boolean,
): PriceMatch | undefined {
  return classifyIdForms(idForms(lowerId), entryLowerId, names, ruleMatched);
}

/** The spellings of one id a lookup compares with each entry's names, derived once per lookup. */
export interface IdForms {
  readonly id: string;
  /** The id, then each location-stripped form (`us.anthropic.x` → `anthropic.x` → `x`). */
  readonly forms: readonly {
    readonly id: string;
    readonly dated: string | undefined;
    readonly unversioned: string | undefined;
    readonly unversionedDated: string | undefined;
  }[];
}

/** Derives the {@link IdForms} of an id (regexes run once per lookup, not once per entry). */
export function idForms(lowerId: string): IdForms {
  return {
    id: lowerId,
    forms: [lowerId, ...withoutLocation(lowerId)].map((form) => {
      const unversioned = withoutVersion(form);
      return {
        id: form,
        dated: withoutSnapshotDate(form),
        unversioned,
        unversionedDated: unversioned === undefined ? undefined : withoutSnapshotDate(unversioned),
      };
    }),
  };
}

/** {@link classifyMatch} on precomputed {@link IdForms}. */
export function classifyIdForms(
  forms: IdForms,
  entryLowerId: string,
  names: readonly string[],
  ruleMatched: boolean,
): PriceMatch | undefined {
  const lowerId = forms.id;
  if (lowerId === entryLowerId) return "exact";
  const isNamed = (candidate: string | undefined): boolean =>
    candidate !== undefined && (candidate === entryLowerId || names.includes(candidate));
  for (const [index, form] of forms.forms.entries()) {
    if (index > 0 && form.id === entryLowerId) return "alias";
    if (isNamed(form.id)) return isNamed(form.dated) ? "snapshot" : "alias";
    if (isNamed(form.dated)) return "snapshot";
    if (isNamed(form.unversioned)) return isNamed(form.unversionedDated) ? "snapshot" : "alias";
    if (isNamed(form.unversionedDated)) return "snapshot";
  }
  if (!ruleMatched || namesNewerVersion(lowerId, [entryLowerId, ...names])) return undefined;
  return "family";
}

/** A version number right after a declared name: `claude-opus-5` + `-5`, `mistral-medium` + `-3-5`. */
const VERSION_AFTER_NAME = /^[-._]?\d+(?:[-._@:]|$)/;

/**
 * True when the id is a declared name followed by a version number (`claude-opus-5-5` after
 * `claude-opus-5`): a newer model than the entry, never the entry itself, so not even a family
 * match (dated snapshots are recognized before this).
 */
function namesNewerVersion(lowerId: string, names: readonly string[]): boolean {
  for (const name of names) {
    // A name ending in a separator (`gemma-3-`) declares a whole family.
    const at = name.length > 0 && !/[-._/]$/.test(name) ? lowerId.indexOf(name) : -1;
    if (at >= 0 && VERSION_AFTER_NAME.test(lowerId.slice(at + name.length))) return true;
  }
  return false;
}
