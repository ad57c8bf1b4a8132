// German first; the English catalog must have exactly the same keys.
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
