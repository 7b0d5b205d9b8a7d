// What `helm install` tells a user about the key, for each of the three ways the chart gets it:
// an existing Secret (the default), one the key generator makes, and one made from a literal.
import { describeHelm, helm } from './helm.js';

function notes(args: readonly string[]): string {
  const result = helm(['install', 'bot', 'chart', '--namespace', 'chat', '--dry-run=client', ...args]);
  expect(result.status).toBe(0);
  return result.stdout.slice(result.stdout.indexOf('\nNOTES:\n'));
}

const CREATE_IT = 'kubectl -n chat create secret generic';

describeHelm("the chart's NOTES on the key", () => {
  test('an existing Secret (the default): how to create it, with its name and key', () => {
    const text = notes([]);
    expect(text).toContain('a JWT signed with the key in Secret chat/rasa-socketio-jwt (key "jwt-key")');
    expect(text).toContain(`${CREATE_IT} rasa-socketio-jwt \\\n    --from-literal=jwt-key="$(openssl rand -hex 32)"`);
    expect(text).not.toContain('key generator');
  });

  test('generate: the key generator made it, never changes it, and it outlives an uninstall; no command to create it', () => {
    const text = notes(['--set', 'socketio.jwtKey.generate=true', '--set', 'socketio.jwtKey.secretName=bot-jwt']);
    expect(text).toContain('the key in Secret chat/bot-jwt');
    expect(text).toContain('The key generator Job (bot-rasa-keygen) created that Secret with a random key');
    expect(text).toContain('it never changes an existing key');
    expect(text).toContain('The Secret stays after\nhelm uninstall');
    expect(text).not.toContain(CREATE_IT);
  });

  test('a literal: the warning that the key is in the values, and no command to create it', () => {
    const text = notes(['--set', `socketio.jwtKey.literal=${'k'.repeat(32)}`]);
    expect(text).toContain('WARNING: that Secret was made from socketio.jwtKey.literal');
    expect(text).not.toContain(CREATE_IT);
    expect(text).not.toContain('k'.repeat(32));
  });
});
