/**
 * Vitest's global setup: every temporary folder a test (or a process it starts) makes goes under one root
 * for the run (the config points TMPDIR there), removed when the run ends, so a full run leaves nothing behind
 * in the machine's temp folder.
 */
import { rmSync } from "node:fs";
import type { TestProject } from "vitest/node";

/** Returns the removal of the run's temporary root. */
export default function setup(project: TestProject): () => void {
  const root = project.config.env.TMPDIR;
  return () => {
    if (root) rmSync(root, { recursive: true, force: true });
  };
}
