// Results core (aggregation, summaries, filters). German first; the English catalog must have exactly the same keys.
// Keys start with "rs".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
