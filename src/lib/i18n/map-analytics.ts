// Map comment analytics for planners. German first; the English catalog must have exactly the same keys.
// Keys start with "ma".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
