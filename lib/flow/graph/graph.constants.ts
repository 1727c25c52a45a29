/** The virtual node a graph starts from: `addEdge(START, 'first')`. */
export const START = '__start__';

/** The virtual node a graph ends at: `addEdge('last', END)`, or a router returning `END`. */
export const END = '__end__';

/** Default most node runs of one graph run (the guard against endless cycles). */
export const DEFAULT_MAX_STEPS = 100;
