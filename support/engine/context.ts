import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** A docker context, as the CLI stores it: where its engine is, and the TLS material to reach it. */
export interface DockerContext {
  name: string;
  host: string;
  skipTlsVerify: boolean;
  /** Paths of ca.pem, cert.pem, key.pem, where the context has them. */
  tls: { ca?: string; cert?: string; key?: string };
}

/** The CLI's configuration folder: DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir(env: Env = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

/** The context the CLI would use: DOCKER_CONTEXT, else the config's currentContext, else "default". */
export function currentContextName(env: Env = process.env): string {
  if (env.DOCKER_CONTEXT) return env.DOCKER_CONTEXT;
  const config = join(dockerConfigDir(env), 'config.json');
  if (existsSync(config)) {
    try {
      const current = (JSON.parse(readFileSync(config, 'utf8')) as { currentContext?: string })
        .currentContext;
      if (current) return current;
    } catch {
      // the CLI itself refuses a broken config.json; so does the kit, later, through it
    }
  }
  return 'default';
}

/**
 * A named context from the CLI's store (`contexts/meta/<sha256 of the name>/meta.json`, TLS
 * material in `contexts/tls/<same>/docker/`), or undefined when there is none of that name.
 * "default" is not stored: it is DOCKER_HOST or the default socket, and is not read here.
 */
export function readContext(name: string, env: Env = process.env): DockerContext | undefined {
  const id = createHash('sha256').update(name).digest('hex');
  const meta = join(dockerConfigDir(env), 'contexts', 'meta', id, 'meta.json');
  if (!existsSync(meta)) return undefined;
  const parsed = JSON.parse(readFileSync(meta, 'utf8')) as {
    Endpoints?: { docker?: { Host?: string; SkipTLSVerify?: boolean } };
  };
  const endpoint = parsed.Endpoints?.docker;
  if (!endpoint?.Host) return undefined;
  const tlsDir = join(dockerConfigDir(env), 'contexts', 'tls', id, 'docker');
  const file = (f: string) => (existsSync(join(tlsDir, f)) ? join(tlsDir, f) : undefined);
  return {
    name,
    host: endpoint.Host,
    skipTlsVerify: endpoint.SkipTLSVerify ?? false,
    tls: { ca: file('ca.pem'), cert: file('cert.pem'), key: file('key.pem') },
  };
}
