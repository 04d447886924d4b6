import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { defineConfig } from "vitest/config";

// One temporary root per run: tests and the processes they start make their folders under it (os.tmpdir()
// reads TMPDIR), and test/support/temp-root.ts removes it when the run ends.
const tempRoot = mkdtempSync(path.join(tmpdir(), "igf-bot-tests-"));

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The machine has two cores; the end-to-end suites start servers, so keep the pool small.
    maxWorkers: 2,
    testTimeout: 20_000,
    env: { TMPDIR: tempRoot },
    globalSetup: ["test/support/temp-root.ts"],
  },
});
