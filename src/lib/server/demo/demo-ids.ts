// Fixed ids of demo objects that several parts of the demo (and the browser tests) refer to.

/** Rat der Stadt Hennef. */
export const DEMO_COUNCIL_ID = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a01';
/** The council meeting with six agenda items and the generated 3-minute recording. */
export const DEMO_RECORDED_MEETING_ID = '6d1f3c2a-5b7e-4f10-9a42-0c8e1b2d3a10';
