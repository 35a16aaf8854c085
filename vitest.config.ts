import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Vitest defaults to one worker per core minus one, so a 2-core CI machine ran every file in
    // series. Most files wait on child processes, local servers and git rather than the CPU (the
    // site builds take turns through test/ayudas/construir.ts's lock anyway), so three workers
    // overlap those waits. No test depends on timing, so a busier machine only runs slower.
    maxWorkers: 3,
    env: { TZ: "America/Bogota" },
  },
});
