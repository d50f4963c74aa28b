import type { Lang } from './lang';

const two = (n: number) => String(n).padStart(2, '0');
const utc = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
};
/** A moment as an English reader reads it: "2026-12-06 23:10 UTC" (an unreadable one as given). */
export function whenEn(iso: string): string {
  const d = utc(iso);
  return d
    ? `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`
    : iso;
}
/** A moment as a Brazilian reader reads it: "6/12/2026, 23:10 UTC". */
export function whenPt(iso: string): string {
  const d = utc(iso);
  return d
    ? `${d.getUTCDate()}/${d.getUTCMonth() + 1}/${d.getUTCFullYear()}, ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`
    : iso;
}

/**
 * The words of the book's and the matrix's pages, in each language: headings, navigation,
 * outcomes and badges. The claims and their explanations are not here: they come from the
 * catalog and the features (English) and from their `.pt-BR.md` companions (Portuguese).
 * The Portuguese follows features/glossary.pt-BR.yaml, which a unit test holds it to.
 */
export interface Words {
  /** "Leia em português", on every English page; "Read in English" on every Portuguese one. */
  otherEdition: string;
  outcome: Record<string, string>;
  badge: Record<string, string>;
  chapter: Record<string, string>;
  book: {
    title: string;
    lead: (claims: number, from: string) => string;
    notes: string;
    partial: string;
    chapters: string;
    claim: string;
    allClaims: string;
    theBook: string;
    notesSay: string;
    catalog: string;
    /** The line under the quotations that links to the notes they come from, given as links. */
    readIt: (notes: string[]) => string;
    whatHappens: string;
    refined: string;
    fromFeature: (feature: string, uri: string, rule: string) => string;
    observes: string;
    /** Before a chapter's own prose, after its rule's. */
    theChapter: string;
    verdicts: string;
    holds: string;
    noRun: (test: string, matrix: string, book: string) => string;
    scenarios: string;
    /** Under the scenarios' heading: why they are in English. */
    scenariosLead: string;
    scenario: string;
    ran: string;
    ranLead: string;
    canFail: string;
    canFailLead: (id: string) => string;
    noTwin: string;
    docs: string;
    noScenarioRan: string;
    evidence: string;
    noteTranslated: string;
    /** What a note page shows where the note's picture is not in notes/. */
    missingPicture: (src: string) => string;
    noteOriginal: string;
    /** Before the original of a quotation of a note in the other language. */
    original: string;
    /** Above a note's quotations, on a page that quotes several notes. */
    fromNote: (note: string) => string;
    /** Where the verdicts come from, and what they leave out. */
    fromRun: (startedAt: string) => string;
    fromMatrix: (startedAt: string, engines: number) => string;
    selected: (tags: string, covered: number, claims: number) => string;
    interrupted: string;
    outage: (claim: string) => string;
    notRun: (ids: string, why: string) => string;
    noColumn: (engine: string, status: string) => string;
    notRunEverywhere: (ids: string) => string;
    /** The command's last line: the book, where its verdicts come from, its front page and the other edition's. */
    written: (pages: number, from: string, index: string, other: string) => string;
  };
  matrix: {
    title: string;
    lead: (startedAt: string, seconds: number) => string;
    badges: string;
    against: string;
    asExpected: string;
    didNotEnd: string;
    glance: string;
    grid: string;
    claim: string;
    differ: string;
    allSame: string;
    firstDifferentStep: (scenario: string, step: string) => string;
    totals: string;
    attempts: (n: number) => string;
    mixedKit: string;
    store: (store: string, builder: string) => string;
    newBadge: string;
    notAsExpected: string;
    /** What each badge means, for the legend. */
    legend: { divergence: string; 'kit-defect': string; unverifiable: string; new: string };
  };
  /** The frame of "where a claim holds" (the engines' names and reasons stay as recorded). */
  ranges: { holds: string; diverges: string; unverified: string; nowhere: string };
}

/** `a, b and c`, with the language's `and`. */
const listOf = (items: string[], and: string) =>
  items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;

const EN: Words = {
  otherEdition: 'Leia em português',
  outcome: {},
  badge: {},
  chapter: {
    containers: 'Containers',
    images: 'Images',
    ports: 'Published ports',
    networks: 'Networks and DNS',
  },
  book: {
    title: 'What people believe about Docker, verified',
    lead: (claims, from) =>
      `A learner's notes make ${claims} claims about Docker. Each is a chapter's rule, checked against live engines: the verdicts below come from ${from}. Open a claim for the note's words, what really happens, the commands the kit ran and their output, and the check's falsified twin that proves it can fail.`,
    notes: 'The notes themselves:',
    partial: 'These verdicts do not cover every claim.',
    chapters: 'Chapters:',
    claim: 'Claim',
    allClaims: '← all claims',
    theBook: '← the book',
    notesSay: 'The notes say',
    catalog: 'The catalog:',
    readIt: (notes) =>
      notes.length === 1 ? `Read it in ${notes[0]}.` : `Read them in ${listOf(notes, 'and')}.`,
    whatHappens: 'What really happens',
    refined: 'refined',
    fromFeature: (feature, uri, rule) => `From the chapter “<b>${feature}</b>” (${uri}), rule “${rule}”:`,
    observes: 'A faithful check observes:',
    theChapter: 'The chapter as a whole:',
    verdicts: 'The verdict on each engine',
    holds: 'Where it holds:',
    noRun: (test, matrix, book) => `No run yet: ${test}, or ${matrix}, then ${book}.`,
    scenarios: 'The scenarios',
    scenariosLead: 'As the feature writes them: each step is a line the kit runs.',
    scenario: 'Scenario',
    ran: 'What the kit ran, and what the engine answered',
    ranLead:
      'Each step with the docker commands behind it and their output, as a terminal shows them. A command with no comment ran exactly as shown. A command marked “# equivalent” stands for what the kit did another way (an Engine API call, or a request from its own process), and the comment says which.',
    canFail: 'The check can fail',
    canFailLead: (id) =>
      `Its falsified twin: the same steps with the observation made false. <code>npm run test:falsified</code> passes only if this fails, naming ${id}.`,
    noTwin: 'No twin.',
    docs: "Docker's documentation",
    noScenarioRan: 'No scenario of this claim ran on this engine.',
    evidence: 'evidence',
    noteTranslated: '',
    missingPicture: (src) => `[a picture, ${src}, that the learner did not put in notes/]`,
    noteOriginal: '',
    original: 'In the original Portuguese:',
    fromNote: (note) => `Note ${note}:`,
    fromRun: (at) => `the run of ${whenEn(at)}`,
    fromMatrix: (at, n) => `the matrix of ${whenEn(at)} (${n} engine${n === 1 ? '' : 's'})`,
    selected: (tags, covered, claims) =>
      `The run selected only the scenarios of ${tags}: it covers ${covered} of ${claims} claims.`,
    interrupted: 'The run was interrupted before it ended.',
    outage: (claim) => `The engine went away during the run (${claim}), which stopped there.`,
    notRun: (ids, why) => `Not run: ${ids} (${why}).`,
    noColumn: (engine, status) => `${engine}: ${status}; its column has no verdicts.`,
    notRunEverywhere: (ids) => `Not run on every engine: ${ids}.`,
    written: (pages, from, index, other) =>
      `the book has ${pages} claim pages, verdicts from ${from}: ${index} (em português: ${other})`,
  },
  matrix: {
    title: 'Conformance matrix',
    lead: (startedAt, seconds) =>
      `Each claim of the catalog, verified on each engine. Started ${whenEn(startedAt)}, ${seconds} s in all. A cell links to that engine’s transcript of the claim.`,
    badges: 'Badges:',
    against: 'Against the expectations',
    asExpected: 'Every outcome is what the engines’ expectations say.',
    didNotEnd: 'Engines that did not run to the end',
    glance: 'At a glance',
    grid: 'Claims × engines',
    claim: 'Claim',
    differ: 'Where engines differ',
    allSame: 'Every engine gave every claim the same outcome.',
    firstDifferentStep: (scenario, step) =>
      `Scenario “${scenario}”, first step that ended differently: <b>${step}</b>`,
    totals: 'claims that hold / failed / other',
    attempts: (n) => `${n} attempts`,
    mixedKit: 'mixed kit',
    store: (store, builder) => `${store} store · ${builder} builder`,
    newBadge: 'new',
    notAsExpected: 'not as expected',
    legend: {
      divergence: 'the engine behaves otherwise, as expected',
      'kit-defect': 'a known defect of the kit on that engine',
      unverifiable: 'the engine lacks what the check needs',
      new: 'not what was expected',
    },
  },
  ranges: {
    holds: 'holds on',
    diverges: 'diverges on',
    unverified: 'not verified on',
    nowhere: 'not run anywhere',
  },
};

const PT_BR: Words = {
  otherEdition: 'Read in English',
  outcome: {
    passed: 'confirmada',
    refined: 'confirmada, com ressalva',
    failed: 'refutada',
    flaky: 'instável',
    skipped: 'não verificada',
    error: 'erro do kit',
    'not run': 'não executada',
    'not covered': 'sem cenário',
    'engine failed': 'o engine falhou',
    'engine went away': 'o engine caiu',
    'kit failed': 'o kit falhou',
    'kit refused': 'o kit recusou',
    'not reported': 'sem resultado',
    interrupted: 'interrompida',
    'not reached': 'não alcançada',
  },
  badge: {
    divergence: 'divergência',
    'kit-defect': 'defeito do kit',
    unverifiable: 'não verificável',
  },
  chapter: {
    containers: 'Contêineres',
    images: 'Imagens',
    ports: 'Portas publicadas',
    networks: 'Redes e DNS',
  },
  book: {
    title: 'O que se acredita sobre o Docker, verificado',
    lead: (claims, from) =>
      `As anotações de quem está aprendendo Docker fazem ${claims} afirmações sobre ele. Cada uma vira a regra de um capítulo, verificada contra engines de verdade: os vereditos abaixo vêm ${from}. Abra uma afirmação para ver as palavras da anotação, o que acontece de fato, os comandos que o kit rodou com a saída deles e a contraprova da verificação, que mostra que ela pode falhar.`,
    notes: 'As próprias anotações:',
    partial: 'Estes vereditos não cobrem todas as afirmações.',
    chapters: 'Capítulos:',
    claim: 'Afirmação',
    allClaims: '← todas as afirmações',
    theBook: '← o livro',
    notesSay: 'O que dizem as anotações',
    catalog: 'No catálogo:',
    readIt: (notes) =>
      notes.length === 1
        ? `Leia a nota inteira em ${notes[0]}.`
        : `Leia as notas inteiras em ${listOf(notes, 'e')}.`,
    whatHappens: 'O que acontece de fato',
    refined: 'ressalva',
    fromFeature: (feature, uri, rule) => `Do capítulo “<b>${feature}</b>” (${uri}), regra “${rule}”:`,
    observes: 'O que uma verificação fiel precisa mostrar:',
    theChapter: 'O capítulo como um todo:',
    verdicts: 'O veredito em cada engine',
    holds: 'Onde vale:',
    noRun: (test, matrix, book) => `Ainda não há execução: rode ${test} (ou ${matrix}) e depois ${book}.`,
    scenarios: 'Os cenários',
    scenariosLead:
      'Como a feature os escreve, em inglês: cada passo é uma linha que o kit executa, e o nome e os passos ficam como rodam.',
    scenario: 'Cenário',
    ran: 'O que o kit rodou e o que o engine respondeu',
    ranLead:
      'Cada passo com os comandos docker por trás dele e a saída deles, como um terminal mostra. Um comando sem comentário rodou exatamente como aparece. Um comando marcado “# equivalent” é o equivalente do que o kit fez por outro caminho (uma chamada à Engine API, ou um pedido feito do próprio processo do kit), e o comentário diz qual. Os passos, os comandos e a saída ficam em inglês, como rodaram.',
    canFail: 'A verificação pode falhar',
    canFailLead: (id) =>
      `A contraprova: os mesmos passos, com a observação adulterada de propósito. O <code>npm run test:falsified</code> só passa se ela falhar apontando a ${id}.`,
    noTwin: 'Sem contraprova.',
    docs: 'A documentação do Docker',
    noScenarioRan: 'Nenhum cenário desta afirmação rodou neste engine.',
    evidence: 'evidência',
    missingPicture: (src) => `[uma imagem, ${src}, que quem escreveu a nota não incluiu em notes/]`,
    noteTranslated:
      'Quem escreveu esta nota a escreveu em inglês. Abaixo, a tradução; o original vem logo depois.',
    noteOriginal: 'O original, em inglês',
    original: 'No original, em inglês:',
    fromNote: (note) => `Anotação ${note}:`,
    fromRun: (at) => `da execução de ${whenPt(at)}`,
    fromMatrix: (at, n) => `da matriz de ${whenPt(at)} (${n} engine${n === 1 ? '' : 's'})`,
    selected: (tags, covered, claims) =>
      `A execução selecionou só os cenários de ${tags}: ela cobre ${covered} de ${claims} afirmações.`,
    interrupted: 'A execução foi interrompida antes do fim.',
    outage: (claim) => `O engine caiu durante a execução (${claim}), e ela parou ali.`,
    notRun: (ids, why) => `Não rodaram: ${ids} (${why}).`,
    noColumn: (engine, status) => `${engine}: ${status}; a coluna dele não tem vereditos.`,
    notRunEverywhere: (ids) => `Não rodaram em todos os engines: ${ids}.`,
    written: (pages, from, index, other) =>
      `o livro tem ${pages} páginas de afirmações, vereditos ${from}: ${index} (in English: ${other})`,
  },
  matrix: {
    title: 'Matriz de conformidade',
    lead: (startedAt, seconds) =>
      `Cada afirmação do catálogo, verificada em cada engine. Começou em ${whenPt(startedAt)} e levou ${seconds} s ao todo. Cada célula leva à transcrição daquela afirmação naquele engine.`,
    badges: 'Selos:',
    against: 'Comparado com o esperado',
    asExpected: 'Todo resultado é o que as expectativas de cada engine dizem.',
    didNotEnd: 'Engines que não rodaram até o fim',
    glance: 'De relance',
    grid: 'Afirmações × engines',
    claim: 'Afirmação',
    differ: 'Onde os engines diferem',
    allSame: 'Todos os engines deram o mesmo resultado a cada afirmação.',
    firstDifferentStep: (scenario, step) =>
      `Cenário “${scenario}”, primeiro passo que terminou diferente: <b>${step}</b>`,
    totals: 'afirmações que valem / que falharam / outras',
    attempts: (n) => `${n} tentativas`,
    mixedKit: 'kit misturado',
    store: (store, builder) => `armazenamento ${store} · builder ${builder}`,
    newBadge: 'novo',
    notAsExpected: 'fora do esperado',
    legend: {
      divergence: 'o engine se comporta de outro jeito, como já se esperava',
      'kit-defect': 'um defeito conhecido do kit naquele engine',
      unverifiable: 'falta ao engine o que a verificação precisa',
      new: 'não é o que se esperava',
    },
  },
  ranges: {
    holds: 'vale em',
    diverges: 'diverge em',
    unverified: 'não verificada em',
    nowhere: 'não rodou em nenhum engine',
  },
};

export const WORDS: Record<Lang, Words> = { en: EN, 'pt-BR': PT_BR };

/** An outcome's word in `lang` (English's is the outcome itself). */
export const outcomeWord = (words: Words, outcome: string) => words.outcome[outcome] ?? outcome;
/** An expectation kind's word in `lang` (English's is the kind itself). */
export const badgeWord = (words: Words, kind: string) => words.badge[kind] ?? kind;
