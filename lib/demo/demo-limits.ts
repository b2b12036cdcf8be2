/** The most records one demo-data request may generate. */
export const DEMO_MAX_COUNT = 1000;
