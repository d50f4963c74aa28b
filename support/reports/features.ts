import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { AstBuilder, GherkinClassicTokenMatcher, Parser } from '@cucumber/gherkin';
import type { Feature, Scenario, Tag } from '@cucumber/messages';
import { IdGenerator } from '@cucumber/messages';

/** A scenario as its feature file writes it: its name and its steps. */
export interface WrittenScenario {
  name: string;
  steps: string[];
  examples: string[];
}

/** What the features say about one claim: the chapter and feature, the rule, its scenarios, the docs. */
export interface ClaimChapter {
  chapter: string;
  uri: string;
  feature: string;
  /** The feature's opening prose: the notes' words, what really happens, the docs. */
  description: string;
  rule: string;
  /** The rule's own prose under its name, when it has any. */
  ruleDescription: string;
  scenarios: WrittenScenario[];
  docs: string[];
}

/** Every feature file under `dir`, parsed. */
function parse(dir: string, root: string): { uri: string; feature: Feature }[] {
  const files = readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.feature'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
  return files.flatMap((file) => {
    const parser = new Parser(new AstBuilder(IdGenerator.incrementing()), new GherkinClassicTokenMatcher());
    const feature = parser.parse(readFileSync(file, 'utf8')).feature;
    return feature ? [{ uri: relative(root, file), feature }] : [];
  });
}

const claimOf = (tags: readonly Tag[]) => tags.find((t) => t.name.startsWith('@claim:'))?.name.slice(7);

function written(scenario: Scenario): WrittenScenario {
  return {
    name: scenario.name,
    // An outline's examples as the feature writes them, so that its <placeholders> read filled in.
    steps: [
      ...scenario.steps.map((s) => `${s.keyword.trim()} ${s.text}`),
      ...scenario.examples.flatMap((e) => {
        const rows = [e.tableHeader, ...e.tableBody].filter((r) => r !== undefined);
        return rows.length === 0
          ? []
          : [
              `${e.keyword.trim()}:${e.name ? ` ${e.name}` : ''}`,
              ...rows.map((r) => `  | ${r.cells.map((c) => c.value).join(' | ')} |`),
            ];
      }),
    ],
    examples: scenario.examples.map((e) => e.name).filter(Boolean),
  };
}

/** The claims the features under `dir` verify, each with the text around it. */
export function claimChapters(dir: string, root: string): Map<string, ClaimChapter> {
  const chapters = new Map<string, ClaimChapter>();
  for (const { uri, feature } of parse(dir, root)) {
    const docs = [...feature.description.matchAll(/https?:\/\/\S+[^\s.,)]/g)].map((m) => m[0]);
    const base = {
      chapter: uri.split('/')[1] ?? '',
      uri,
      feature: feature.name,
      description: feature.description.trim(),
      docs,
    };
    for (const child of feature.children) {
      const rule = child.rule;
      const id = rule ? claimOf(rule.tags) : child.scenario ? claimOf(child.scenario.tags) : undefined;
      if (!id) continue;
      const scenarios = rule
        ? rule.children.flatMap((c) => (c.scenario ? [written(c.scenario)] : []))
        : [written(child.scenario as Scenario)];
      const known = chapters.get(id);
      if (known) known.scenarios.push(...scenarios);
      else
        chapters.set(id, {
          ...base,
          rule: rule?.name ?? child.scenario?.name ?? '',
          ruleDescription: rule?.description.trim() ?? '',
          scenarios,
        });
    }
  }
  return chapters;
}

/** A feature's prose, the part a translation carries: its title, its description, each rule's name and prose. */
export interface FeatureText {
  title: string;
  description: string;
  rules: { id: string; name: string; description: string }[];
}

/** The prose of every feature under `dir`, by its path from `root` (`features/images/layers.feature`). */
export function featureTexts(dir: string, root: string): Map<string, FeatureText> {
  return new Map(
    parse(dir, root).map(({ uri, feature }) => [
      uri,
      {
        title: feature.name,
        description: feature.description.trim(),
        rules: feature.children.flatMap((child) =>
          child.rule
            ? [
                {
                  id: claimOf(child.rule.tags) ?? '',
                  name: child.rule.name,
                  description: child.rule.description.trim(),
                },
              ]
            : [],
        ),
      },
    ]),
  );
}

/** The falsified twins of each claim under `dir`: scenarios whose observation is made false. */
export function twinsOf(dir: string, root: string): Map<string, WrittenScenario[]> {
  const twins = new Map<string, WrittenScenario[]>();
  for (const { feature } of parse(dir, root)) {
    for (const child of feature.children) {
      const id = child.scenario ? claimOf(child.scenario.tags) : undefined;
      if (id && child.scenario) twins.set(id, [...(twins.get(id) ?? []), written(child.scenario)]);
    }
  }
  return twins;
}
