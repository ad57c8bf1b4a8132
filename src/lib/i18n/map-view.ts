// Map comments: map-view. German first; the English catalog must have exactly the same keys.
export const de = {};

export const en: typeof de = {};
