import { Before, type ITestCaseHookParameter } from '@cucumber/cucumber';
import { ClaimViolation } from '../../common/errors';
import { claimOf } from '../../run/needs';

// A drill, not a finding (profile flaky-drill, with --retry 1): the first attempt of each
// scenario that KIT_DRILL_FLAKY selects (a tag expression; CTR-01 unless set) fails as a claim
// would; its retry runs as it is. Every report must then call it flaky.
const attempted = new Set<string>();

Before({ tags: process.env.KIT_DRILL_FLAKY || '@claim:CTR-01' }, ({ pickle }: ITestCaseHookParameter) => {
  if (attempted.has(pickle.id)) return;
  attempted.add(pickle.id);
  throw new ClaimViolation(
    claimOf(pickle.tags.map((t) => t.name)),
    'its first attempt to pass',
    'the flaky drill failing it on purpose (profile flaky-drill); the retry runs it as it is',
  );
});
