/** One step of a build, as the builder printed it. */
export interface BuildStep {
  index: number;
  instruction: string;
  cached: boolean;
}

/**
 * The steps of a build and whether each came from the cache, read from the builder's
 * output: the classic builder's "Step 2/6 : RUN …" then " ---> Using cache", or buildah's
 * (Podman's) "STEP 2/6: RUN …" then "--> Using cache". The FROM step is never "cached".
 */
export function buildSteps(output: string): BuildStep[] {
  const steps: BuildStep[] = [];
  for (const line of output.split('\n')) {
    const step = /^(?:Step|STEP) (\d+)\/\d+ ?: (.*)$/.exec(line.trim());
    if (step) {
      steps.push({ index: Number(step[1]), instruction: step[2] ?? '', cached: false });
      continue;
    }
    const last = steps.at(-1);
    if (last && /Using cache|CACHED/.test(line)) last.cached = true;
  }
  return steps;
}
