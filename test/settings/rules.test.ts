import { formatMessage } from '../../src/settings/rules/engine.js';
import { settingsProblems } from '../support/settings-problems.js';

describe('the rules table', () => {
  test("gives one item's lines together, in the order of the table", () => {
    expect(settingsProblems({
      rasa: { extraEnv: [{ name: 'RASA_SOCKETIO_JWT_KEY' }, { name: 'A', secretName: 'Bad_Name', secretKey: '' }] },
      widgets: [{ name: 'a', claims: { aud: 'x', iat: 1 }, expiresIn: '3651d' }, { name: 'a', claims: {} }],
    })).toEqual([
      "'rasa.extraEnv[0].name' (RASA_SOCKETIO_JWT_KEY) is already set by the chart: pick another name",
      "'rasa.extraEnv[0]' must have either 'value' or both 'secretName' and 'secretKey'",
      "'rasa.extraEnv[1].secretName' (Bad_Name) is not a valid name: use lower-case letters, digits, '-' and '.', " +
        'starting and ending with a letter or digit',
      "'rasa.extraEnv[1].secretKey' is empty: name the key inside the Secret (--set rasa.extraEnv[1].secretKey=<key>); " +
        'the variable would have no value',
      "'widgets[0].claims.aud' is not allowed: Rasa verifies without an audience, so PyJWT refuses any token that has one",
      "'widgets[0].claims.iat' is not allowed: the minter leaves iat out, since a value ahead of Rasa's clock makes Rasa refuse the token",
      "'widgets[0].expiresIn' (3651d) is longer than 10 years (3650d): use a shorter lifetime, or none for a token that never expires",
      "'widgets[1].name' (a) is used twice: widget names must be unique",
      "'widgets[1].claims' is empty: Rasa refuses a token whose payload is empty; keep at least sender_id",
    ]);
  });

  test('fills messages as Go printf fills the chart twins', () => {
    expect(formatMessage("'%s' is %d", ['a', 3])).toBe("'a' is 3");
    expect(formatMessage('%[2]s then %[1]s, then %s again; 100%%', ['one', 'two'])).toBe('two then one, then two again; 100%');
    expect(formatMessage('%s', ['%s'])).toBe('%s');
  });
});
