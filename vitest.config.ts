import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The machine has two cores; the end-to-end suites start servers, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
