// Results dashboard for planners. German first; the English catalog must have exactly the same keys.
// Keys start with "rd".
export const de = {};

export const en: { [K in keyof typeof de]: string } = {};
