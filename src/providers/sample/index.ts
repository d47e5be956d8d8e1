export { createSampleProvider, sampleDescriptor } from './descriptor';
export { SampleProvider, type SampleProviderOptions } from './provider';
export { DEFAULT_SAMPLE_SEED, generateSampleData } from './data/generate';
export { SAMPLE_PAGE_SIZE } from './paging';
export { type SampleData, SampleDataSchema } from './schemas';
