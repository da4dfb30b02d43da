// Types of feature-extractor.mjs for the TypeScript sources that import it.
export interface FeatureExtractorOptions {
  modelDir: string | null;
  model: string;
  allowRemote: boolean;
  dtype: string;
  threads?: number;
}

/** A loaded Transformers.js feature-extraction pipeline. */
export interface FeatureExtractor {
  dispose(): Promise<void>;
}

export function loadFeatureExtractor(options: FeatureExtractorOptions): Promise<FeatureExtractor>;

export function embedTexts(extractor: FeatureExtractor, texts: string[]): Promise<{ rows: number; dimensions: number; data: Float32Array }>;
