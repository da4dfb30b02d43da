// One vitest config for the monorepo: a project per package and app, plus the cross-package tests.
import { readdirSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

// Workspace packages export their TypeScript sources under the "source" condition,
// so tests run against src/ without a build.
const conditions = ['source', 'module', 'node', 'development|production'];

const dirs = (parent: string) =>
  readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${parent}/${entry.name}`);

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: ['source'] } },
  test: {
    // Tests never download a model: servers and CLIs they start inherit this (a test that fetches from a fake hub on
    // loopback turns it back on for its own child process).
    env: { EMBEDDING_ALLOW_REMOTE: '0' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      ...[...dirs('packages'), ...dirs('apps')].map((dir) => ({
        extends: true as const,
        test: { name: dir.split('/')[1], root: dir, include: ['src/**/*.test.{ts,tsx}'] },
      })),
      {
        extends: true as const,
        test: { name: 'e2e', root: 'tests', include: ['**/*.test.ts'], testTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
