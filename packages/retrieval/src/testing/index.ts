// Test-only exports (@report-qa/retrieval/testing): fakes at the package's protocol boundaries.
export { startFakeHub, type FakeHub, type FakeHubOptions } from './fake-hub.js';
