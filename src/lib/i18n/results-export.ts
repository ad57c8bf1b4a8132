// Survey exports (CSV, XLSX, JSON). German first; the English catalog must have exactly the same keys.
// Keys start with "re".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
