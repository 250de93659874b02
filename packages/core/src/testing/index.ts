// Public testing helpers: runStoreConformance and fixtures.
export {};
