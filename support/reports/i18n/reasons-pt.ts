import type { ObservedFrom, Reason, RegistryAttempt, RegistryNotHere } from '../../common/reasons';
import type { Voice } from '../../common/voice';
import type { ClaimDetail, YourMachineSeen } from '../details';

type ReasonSayings = { [C in Reason['code']]: (reason: Extract<Reason, { code: C }>, v: Voice) => string };
type DetailSayings = {
  [C in ClaimDetail['code']]: (detail: Extract<ClaimDetail, { code: C }>, v: Voice) => string;
};

/** De onde uma observação foi feita. */
export const OBSERVED_FROM_PT: Record<ObservedFrom, string> = {
  'this-machine': 'esta máquina',
  helper: 'o host do engine, pelo contêiner auxiliar do kit',
  'engine-address': 'o processo do kit, no endereço do engine',
};

const TOPOLOGY_PT: Record<string, string> = {
  'on-host': 'no host do engine',
  rootless: 'ao lado de um engine rootless',
  'in-container': 'num contêiner do engine',
  across: 'do outro lado de uma fronteira',
};
const topology = (t: string, v: Voice) => TOPOLOGY_PT[t] ?? v.said(t);

const notHere = (why: RegistryNotHere, v: Voice) =>
  'noBinary' in why
    ? 'não há binário de registro no PATH'
    : `o kit não está no host do engine (${topology(why.kitStands, v)})`;

const attempt = (a: RegistryAttempt, v: Voice): string => {
  switch (a.step) {
    case 'no-binary-to-import':
      return 'não há aqui binário de registro da arquitetura do engine para importar';
    case 'import':
      return `importar ${v.code(a.binary)} falhou (${v.said(a.said)})`;
    case 'pull':
      return `não foi possível baixar ${v.code(a.image)} (${v.said(a.said)})`;
    case 'pull-brought-nothing':
      return `baixar ${v.code(a.image)} não trouxe imagem nenhuma`;
    case 'start':
      return `${v.code(a.image)} não iniciou (${v.said(a.said)})`;
    case 'binary-start':
      return `${v.code(a.binary)} não iniciou (${v.said(a.said)})`;
  }
};

/** Cada motivo em português do Brasil, nas palavras do kit em volta dos parâmetros. */
export const REASONS_PT: ReasonSayings = {
  offline: () =>
    'sem internet: este cenário precisa do Docker Hub; defina KIT_ONLINE=1 onde a máquina o alcança',
  'unknown-need': (r, v) => `o kit não conhece a necessidade ${v.code(r.tag)}`,
  'no-registry': (r, v) => `sem registro: ${sayReasonPt(r.why, v)}`,
  'registry-not-the-kits': () =>
    'o registro é o de KIT_REGISTRY, não o do próprio kit: o kit não consegue ler no log dele quais blobs passaram',
  'registry-not-started-yet': () => 'a execução ainda não iniciou o registro dela',
  'registry-failed': (r, v) =>
    [...(r.notHere ? [notHere(r.notHere, v)] : []), ...r.attempts.map((a) => attempt(a, v))].join(', e '),
  'registry-pull-refused': (r, v) =>
    r.podmanPlainHttp
      ? `o Podman recusa o registro do kit em ${v.code(r.address)} por HTTP simples (${v.said(r.said)}): declare-o como inseguro no registries.conf ([[registry]] location = "127.0.0.1", insecure = true)`
      : `o engine não consegue baixar do registro do kit em ${v.code(r.address)} (${v.said(r.said)}); declare o registro como inseguro (insecure-registries do dockerd, /etc/containers/registries.conf do Podman) e aponte KIT_REGISTRY para ele`,
  'no-buildkit': (r, v) => `sem BuildKit: ${sayReasonPt(r.why, v)}`,
  'podman-builds-with-buildah': () =>
    'o Podman faz o build com o buildah; a API compatível com a do Docker não oferece BuildKit',
  'cli-without-buildx': () =>
    'o CLI do docker não tem o plugin buildx, e é novo demais para fazer o build com DOCKER_BUILDKIT=1 sem ele',
  'helper-refused': (r, v) =>
    `o engine recusou o contêiner auxiliar do kit nos namespaces do host dele: ${v.said(r.said)}`,
  'ports-unreachable': (r, v) => `não há como alcançar as portas publicadas: ${sayReasonPt(r.why, v)}`,
  'rootless-host': (r, v) =>
    `o engine é rootless (${v.said(r.engine)}): a rede e os arquivos do host dele são os do rootlesskit, que o kit não consegue examinar, e este cenário compara esse host com o que um contêiner vê`,
  'not-across': (r, v) =>
    `o kit está do lado do engine (${topology(r.kitStands, v)}): a sua máquina é o próprio host do engine, então não há uma segunda máquina a quem perguntar pelas portas`,
  'not-root-for-nat': () => 'o kit não roda como root, então não consegue ler as regras de NAT do host',
  'not-swarm-manager': (r, v) =>
    `o engine não é um manager de swarm (swarm: ${v.said(r.swarm)}); o kit não liga o modo swarm`,
  'no-swarm-peer': () =>
    'não há outro nó do swarm onde pôr um contêiner: aponte KIT_SWARM_PEER para o endpoint de um (o docker-28.5-swarm do laboratório faz isso)',
  'no-mirror': () =>
    'o engine não tem um espelho do registro padrão cujo log o kit leia: defina KIT_REGISTRY_MIRROR e KIT_REGISTRY_MIRROR_LOG (o docker-28.5-mirror do laboratório tem um)',
  'no-limit': (r, v) => {
    const what = r.limit === 'memory' ? 'memória' : 'PIDs';
    const field = r.limit === 'memory' ? 'MemoryLimit' : 'PidsLimit';
    const why = r.controllers
      ? `a hierarquia de cgroups dele (v${v.text(r.cgroupVersion)}) não tem o controlador ${r.limit}, só: ${v.said(r.controllers)}`
      : `ele informa ${field} false${r.rootlessOnV1 ? ': um engine rootless no cgroup v1 não tem cgroups' : ''}`;
    return `o engine não consegue nem definir nem impor um limite de ${what} aqui (${why})`;
  },
  'storage-unreadable': (r, v) => `o armazenamento do engine não pode ser lido: ${sayReasonPt(r.why, v)}`,
  'storage-driver-unknown': (r, v) =>
    `o kit não lê o driver de armazenamento ${v.code(r.driver)} (armazenamento de imagens ${v.text(r.imageStore)}; ele lê ${r.known.length ? r.known.map((k) => v.code(k)).join(', ') : 'nenhum desse armazenamento'}), então como ele guarda as camadas não é verificado aqui`,
  'storage-needs-root': (r, v) =>
    `o armazenamento de camadas do engine, ${v.code(r.path)}, não pode ser lido daqui; rode como root no host do engine`,
  'engine-stopped': (r, v) =>
    `o engine em ${v.code(r.endpoint)} parou de responder durante ${v.text(r.claim)}, ${v.text(r.secondsIntoRun)} s depois do início da execução`,
  'veth-peer-elsewhere': (r, v) =>
    `nenhuma interface do host do engine tem o índice ${v.text(r.peer)}, o par da eth0 de ${v.text(r.container)}: a rede dele está num namespace do próprio engine, cujo tráfego nenhuma bridge do host carrega`,
  'port-unanswered': (r, v) =>
    `o engine publicou a porta ${v.text(r.port)} do host, mas ninguém respondeu em ${v.code(r.url)} (perguntado de ${OBSERVED_FROM_PT[r.from]} por ${v.text(r.seconds)} s): ${r.said.trim() ? v.said(r.said.trim()) : 'sem resposta'}`,
  'set-up-refused': (r, v) =>
    `o engine recusou um passo de que a verificação precisa no caminho, ${v.code(r.command)}: ${v.said(r.said)}`,
  said: (r, v) => v.said(r.text),
};

export function sayReasonPt(reason: Reason, v: Voice): string {
  const say = REASONS_PT[reason.code] as (r: Reason, v: Voice) => string;
  return say(reason, v);
}

const where = (step: string | undefined, v: Voice) => (step ? `no passo “${v.said(step)}”` : 'num hook');
const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Como um cenário terminou, no plural e no singular. */
const ENDED_PT: Record<string, [string, string]> = {
  passed: ['passou', 'passaram'],
  failed: ['falhou', 'falharam'],
  flaky: ['instável', 'instáveis'],
  skipped: ['não verificado', 'não verificados'],
  error: ['com erro do kit', 'com erro do kit'],
  'not run': ['não executado', 'não executados'],
};

const yourMachinePt = (seen: YourMachineSeen, v: Voice) =>
  `${v.code(seen.url)} ${seen.answered ? 'também responde (algo encaminha a porta até aqui)' : `não responde (${v.said(seen.answer)}): nada encaminha a porta do host do engine até esta máquina`}`;

/** Cada detalhe de um veredito em português do Brasil. */
export const DETAILS_PT: DetailSayings = {
  passed: () => '',
  violated: (d, v) =>
    `${where(d.step, v)}, ${v.text(d.claim)}: esperava-se ${v.said(d.expected)}, mas viu-se ${v.said(d.seen)}${d.reproduce ? `; para reproduzir: ${v.code(d.reproduce)}` : ''}`,
  'step-failed': (d, v) => `${where(d.step, v)}: ${v.said(d.message)}`,
  'harness-error': (d, v) => {
    const what =
      d.status === 'FAILED'
        ? `${v.said(d.exception ?? 'error')}: ${v.said(d.message ?? '')}`
        : `passo ${v.said(d.status.toLowerCase())}`;
    return `erro do kit ${where(d.step, v)}: ${what}${d.after ? ` (depois de a afirmação falhar: ${sayDetailPt(d.after, v)})` : ''}`;
  },
  'not-verified': (d, v) => `não verificada: ${where(d.step, v)}, ${sayReasonPt(d.why, v)}`,
  skipped: (d, v) => (d.why ? sayReasonPt(d.why, v) : 'não verificado'),
  'not-run': (d, v) => sayReasonPt(d.why, v),
  flaky: (d, v) =>
    `passou na tentativa ${v.text(d.attempts)} de ${v.text(d.attempts)}; a tentativa ${v.text(d.attempt)} ${d.ended === 'error' ? 'teve erro do kit' : 'falhou'}: ${sayDetailPt(d.earlier, v)}`,
  'not-selected': () => 'os cenários não foram selecionados nesta execução',
  'not-covered': () => 'nenhum cenário tem ainda a tag desta afirmação',
  held: (d, v) => {
    const [one, many] = ENDED_PT[d.others?.outcome ?? ''] ?? [
      d.others?.outcome ?? '',
      d.others?.outcome ?? '',
    ];
    return [
      count(d.passed, 'cenário passou', 'cenários passaram'),
      d.others ? `, ${count(d.others.count, one, many)}: ${sayDetailPt(d.others.detail, v)}` : '',
      d.yourMachine ? `; no host do engine. Na sua máquina: ${yourMachinePt(d.yourMachine, v)}` : '',
    ].join('');
  },
  'in-scenario': (d, v) => `cenário “${v.said(d.scenario)}”: ${sayDetailPt(d.detail, v)}`,
  'attempts-alike': (d, v) => {
    const said = sayDetailPt(d.detail, v);
    const note = `(igual em ${v.text(d.alike)} de ${v.text(d.of)} tentativas)`;
    return said ? `${said} ${note}` : note;
  },
  'attempts-disagree': (d, v) =>
    `as tentativas discordam: ${d.attempts
      .map((a, i) => {
        const said =
          a.detail && a.outcome !== 'passed' && a.outcome !== 'refined' ? sayDetailPt(a.detail, v) : '';
        return `tentativa ${i + 1}: ${ENDED_PT[a.outcome]?.[0] ?? v.said(a.outcome)}${said ? ` (${said})` : ''}`;
      })
      .join('; ')}`,
  'engine-did-not-run': (d, v) => (d.said ? v.said(d.said) : v.said(d.status)),
  recorded: (d, v) => v.said(d.text),
};

/** Um detalhe em português; o de uma afirmação com ressalva diz primeiro o que acontece de fato (`refinement`, já em HTML ou texto). */
export function sayDetailPt(detail: ClaimDetail, v: Voice, refinement?: string): string {
  const say = DETAILS_PT[detail.code] as (d: ClaimDetail, v: Voice) => string;
  const said = say(detail, v);
  return refinement ? `o que acontece de fato: ${refinement} (${said})` : said;
}
