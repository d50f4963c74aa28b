import type { IFormatterOptions } from '@cucumber/cucumber';
import type { TestStepResult } from '@cucumber/messages';
import AllureCucumberReporter from 'allure-cucumberjs/reporter';
import { Status } from 'allure-js-commons';
import { isViolation } from '../common/errors';

type Label = { name: string; value: string };
type Internals = {
  parseStatus: (result: TestStepResult) => Status | undefined;
  allureRuntime: { startTest: (result: { labels: Label[] }, scopes: string[]) => string };
};

const CHAPTERS = ['containers', 'images', 'ports', 'networks'];
/** The chapter a claim's ID names, for features without a chapter tag (the falsified twins). */
const CHAPTER_OF_PREFIX: Record<string, string> = {
  CTR: 'containers',
  IMG: 'images',
  PRT: 'ports',
  NET: 'networks',
};

/** Allure's grouping by the kit's terms: the feature is the chapter, the story the claim (tags on Rules included). */
function relabel(labels: Label[]): Label[] {
  const tags = labels.filter((l) => l.name === 'tag').map((l) => l.value);
  const claim = tags.find((t) => t.startsWith('@claim:'))?.slice('@claim:'.length);
  const chapter =
    CHAPTERS.find((c) => tags.includes(`@${c}`)) ??
    (claim ? CHAPTER_OF_PREFIX[claim.split('-')[0] ?? ''] : undefined);
  return [
    ...labels.filter((l) => l.name !== 'feature' && l.name !== 'story'),
    ...(chapter ? [{ name: 'feature', value: chapter }] : []),
    ...(claim ? [{ name: 'story', value: claim }] : []),
  ];
}

/**
 * allure-cucumberjs, telling a violated claim from a broken harness: Allure's "failed" means
 * the product did not do what it should (here: a ClaimViolation, the engine behaving otherwise),
 * "broken" that the test itself went wrong (any other exception). Left to itself the reporter
 * calls failed only what looks like an assertion library's error. It also groups results by
 * chapter and claim. (What it does is private in its types, so it is wrapped, not overridden.)
 */
export default class KitAllureReporter extends AllureCucumberReporter {
  constructor(options: IFormatterOptions) {
    super(options);
    const self = this as unknown as Internals;
    const parse = self.parseStatus.bind(this);
    self.parseStatus = (result) => {
      if (result.status !== 'FAILED') return parse(result);
      return isViolation(result.exception?.type) ? Status.FAILED : Status.BROKEN;
    };
    const runtime = self.allureRuntime;
    const start = runtime.startTest.bind(runtime);
    runtime.startTest = (result, scopes) => start({ ...result, labels: relabel(result.labels) }, scopes);
  }
}
