// The re-mint CronJob's schedule, derived by the chart's "rasa.remintSchedule" helper and by
// remintSchedule in src/plan/remint.ts, for every step of the derivation and its edges.
import { remintSchedule } from '../../src/plan/index.js';
import { resolveSettings } from '../../src/settings/index.js';
import { describeHelm, helm, parseObjects } from './helm.js';

const LIFETIMES = ['4m', '479s', '8m', '20m', '90m', '2h', '4h', '12h', '1d', '2d', '4d', '27d', '4w', '3650d', '315360000s'];

function helmSchedule(set: string[]): string | undefined {
  const result = helm(['template', 'bot', 'chart', '--show-only', 'templates/cronjob.yaml', ...set.flatMap((s) => ['--set', s])]);
  if (result.status !== 0) {
    if (/could not find template/.test(result.stderr)) return undefined;
    throw new Error(result.stderr);
  }
  return parseObjects(result.stdout)[0]?.spec.schedule;
}

describeHelm('the re-mint schedule, as the chart derives it', () => {
  test.each(LIFETIMES)('a %s token: the same schedule as remintSchedule', (lifetime) => {
    const widgets = [{ name: 'a' }, { name: 'b', expiresIn: lifetime }, { name: 'c', expiresIn: '3650d' }];
    const fromPlan = remintSchedule(resolveSettings({ widgets }));
    expect(fromPlan).not.toBe('');
    expect(helmSchedule(['widgets[0].name=a', 'widgets[1].name=b', `widgets[1].expiresIn=${lifetime}`, 'widgets[2].name=c', 'widgets[2].expiresIn=3650d']))
      .toBe(fromPlan);
  });

  test('none without a token that expires, minter.schedule as given, none without the minter', () => {
    expect(helmSchedule([])).toBeUndefined();
    expect(helmSchedule(['minter.schedule=@weekly'])).toBe('@weekly');
    expect(helmSchedule(['widgets[0].name=a', 'widgets[0].expiresIn=1d', 'minter.enabled=false'])).toBeUndefined();
  });
});
