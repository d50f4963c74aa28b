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
 * BuildKit's plain progress (`#5 [2/3] RUN …`, later `#5 CACHED`) lists only the steps that
 * change the filesystem, FROM first.
 */
export function buildSteps(output: string): BuildStep[] {
  if (/^#\d+ \[/m.test(output)) return buildKitSteps(output);
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

/** The vertices of a BuildKit build that are Dockerfile steps, in the Dockerfile's order. */
function buildKitSteps(output: string): BuildStep[] {
  const byVertex = new Map<string, BuildStep>();
  for (const line of output.split('\n')) {
    const step = /^#(\d+) \[(?:[\w.-]+ )?(\d+)\/\d+\] (.*)$/.exec(line.trim());
    if (step?.[1] && !byVertex.has(step[1])) {
      byVertex.set(step[1], { index: Number(step[2]), instruction: step[3] ?? '', cached: false });
      continue;
    }
    const cached = /^#(\d+) CACHED$/.exec(line.trim());
    const vertex = cached?.[1] ? byVertex.get(cached[1]) : undefined;
    if (vertex) vertex.cached = !/^FROM /.test(vertex.instruction);
  }
  return [...byVertex.values()].sort((a, b) => a.index - b.index);
}
