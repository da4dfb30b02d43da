// Test-only exports (@report-qa/answer/testing): a fake OpenAI-compatible server, a fake Answerer, a fake searcher over the samples.
export { numberedPassages, startFakeOpenAiServer, type ChatRequestBody, type FakeOpenAiServer, type FakeReply, type RecordedRequest } from './fake-openai-server.js';
export { createFakeAnswerer, fakeCitation, type FakeAnswerer, type FakeAnswererOptions } from './fake-answerer.js';
export { createFakeSearcher, readReport, reportsDir } from './fake-searcher.js';
