// Explicit named exports of this folder's public API.
export {};
