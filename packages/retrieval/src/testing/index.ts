// Test-only exports (@report-qa/retrieval/testing): fakes at the package's boundaries and where the sample data is.
export { startFakeHub, type FakeHub, type FakeHubOptions } from './fake-hub.js';
export { FakeBigramEmbeddings } from './fake-bigram-embeddings.js';
export { repositoryRoot, reportsDir, modelDir, modelSkipMessage, temporaryDir } from './sample-data.js';
