// Map comments: map-setup. German first; the English catalog must have exactly the same keys.
export const de = {};

export const en: typeof de = {};
