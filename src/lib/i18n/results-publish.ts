// Published results and the open-data index. German first; the English catalog must have exactly the same keys.
// Keys start with "rp".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
