export { gptTokenizer, loadedEncodings } from "#default-tokenizer";
export { charEstimateTokenizer, countByCharacters } from "./char-estimate-tokenizer.js";
export {
  type CorrectionFactors,
  type CorrectionFactorsOptions,
  createCorrectionFactors,
  DEFAULT_CORRECTION_FACTORS,
  type ObservableEstimate,
} from "./correction-factors.js";
export { MAX_RUN_CHARS } from "./count-guarded.js";
export { CHAT_OVERHEAD } from "./count-messages.js";
export {
  clearTokenCache,
  configureTokenCache,
  countTextTokens,
  type TokenCacheOptions,
  tokenCacheStats,
} from "./count-text-tokens.js";
export { TOOL_OVERHEAD } from "./count-tools.js";
export { encodingForModel } from "./encoding-for-model.js";
export {
  DEFAULT_FILE_TOKENS,
  type EstimateInput,
  type EstimateTokensOptions,
  estimateOutputTokens,
  estimateTokens,
  type OutputTokenEstimate,
  type TokenCountBasis,
  type TokenEstimate,
} from "./estimate-tokens.js";
export { type ImageSize, readImageSize } from "./image-size.js";
export {
  type ImageDetail,
  type ImageTokensRequest,
  imageTokens,
  UNKNOWN_IMAGE_TOKENS,
} from "./image-tokens.js";
export type { TokenCountCacheStats } from "./token-count-cache.js";
export {
  ENCODING_NAMES,
  type EncodingName,
  isEncodingName,
  type Tokenizer,
  type TokenizerLoader,
} from "./tokenizer.js";
export { type TokenizerFamily, tokenizerFamily } from "./tokenizer-family.js";
