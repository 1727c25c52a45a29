/** Injection token of the sample's `SampleModelChoice` (read by AppModule to log it at startup). */
export const SAMPLE_MODEL_CHOICE = Symbol('SAMPLE_MODEL_CHOICE');
