// Free-text answers: search, coding, hiding. German first; the English catalog must have exactly the same keys.
// Keys start with "rx".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
