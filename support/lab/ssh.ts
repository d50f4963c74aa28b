import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import type { LabEngine } from './lab-engine';

/**
 * An sshd beside a lab engine, in its namespaces, as on a machine reached with
 * `DOCKER_HOST=ssh://root@ADDR`: root logs in with a key of the engine's own, and the far
 * side's docker CLI (`docker system dial-stdio`) reaches the engine at its default socket.
 * The kit's side gets an `ssh` first on its PATH that knows that key and that host, as a
 * user's ~/.ssh/config would. Everything is in the engine's run folder, and goes with it.
 * Returns the command that starts sshd inside, before the engine.
 */
export async function prepareSsh(engine: LabEngine, address: string): Promise<string[]> {
  const dir = join(engine.runDir, 'ssh');
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o700);
  const keygen = (file: string) =>
    execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', engine.id, '-f', file]);
  await Promise.all([keygen(join(dir, 'host_key')), keygen(join(dir, 'id_ed25519'))]);
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'id_ed25519.pub')));
  writeFileSync(join(dir, 'known_hosts'), `${address} ${readFileSync(join(dir, 'host_key.pub'), 'utf8')}`);
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `ListenAddress ${address}:22`,
      `HostKey ${join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      // The run folder is the lab's, not root's home: its modes are not ssh's business.
      'StrictModes no',
      'PidFile none',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'ssh_config'),
    [
      'Host *',
      `  IdentityFile ${join(dir, 'id_ed25519')}`,
      '  IdentitiesOnly yes',
      `  UserKnownHostsFile ${join(dir, 'known_hosts')}`,
      '  StrictHostKeyChecking yes',
      '',
    ].join('\n'),
  );
  const wrapper = join(engine.runDir, 'bin', 'ssh');
  mkdirSync(join(engine.runDir, 'bin'), { recursive: true });
  writeFileSync(wrapper, `#!/bin/sh\nexec /usr/bin/ssh -F ${join(dir, 'ssh_config')} "$@"\n`);
  chmodSync(wrapper, 0o755);
  engine.shared = [...(engine.shared ?? []), dir];
  engine.env.PATH = `${join(engine.runDir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  engine.endpoint = `ssh://root@${address}`;
  return [
    'sh',
    '-c',
    `mkdir -p /run/sshd && /usr/sbin/sshd -f ${join(dir, 'sshd_config')} -E ${join(dir, 'sshd.log')} && exec "$@"`,
    'sh',
  ];
}
