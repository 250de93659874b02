import { hashPrompt, type PromptHashInput } from "./hash-prompt.js";

/** A request's prompt fields plus hashes the caller may already have computed. */
export interface FingerprintRequest extends PromptHashInput {
  promptHash?: string | undefined;
  systemHash?: string | undefined;
  systemTokens?: number | undefined;
}

/** What a usage record keeps about its prompt: hashes and the size of the static prefix. */
export interface PromptFingerprint {
  promptHash?: string;
  systemHash?: string;
  /** Tokens of the leading system part (estimated with the model's tokenizer). */
  systemTokens?: number;
}

/**
 * Hashes of a request's prompt and the token count of its leading system part. Hashes the
 * caller passed win; the prompt is hashed only when one of them is missing. `countTokens` is
 * called once, with the system text, when there is one and no `systemTokens` was given (the
 * ledger passes its cached tokenizer count, so a system prompt sent on every call is
 * tokenized once). Synchronous unless `countTokens` returns a promise (tokenizer loading).
 */
export function fingerprintPrompt(
  request: FingerprintRequest,
  countTokens: (text: string) => number | Promise<number>,
): PromptFingerprint | Promise<PromptFingerprint> {
  const fingerprint: PromptFingerprint = {};
  if (request.promptHash !== undefined) fingerprint.promptHash = request.promptHash;
  if (request.systemHash !== undefined) fingerprint.systemHash = request.systemHash;
  if (request.systemTokens !== undefined) fingerprint.systemTokens = request.systemTokens;
  const complete =
    request.promptHash !== undefined &&
    request.systemHash !== undefined &&
    request.systemTokens !== undefined;
  if (complete) return fingerprint;
  const hashes = hashPrompt(request);
  if (hashes === undefined) return fingerprint;
  fingerprint.promptHash ??= hashes.promptHash;
  if (hashes.systemHash !== undefined) fingerprint.systemHash ??= hashes.systemHash;
  if (fingerprint.systemTokens === undefined && hashes.systemText !== undefined) {
    const counted = countTokens(hashes.systemText);
    if (counted instanceof Promise) {
      return counted.then((systemTokens) => {
        fingerprint.systemTokens = systemTokens;
        return fingerprint;
      });
    }
    fingerprint.systemTokens = counted;
  }
  return fingerprint;
}
