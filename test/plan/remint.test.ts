import { minterRbacAnnotations, planBot, remintName, remintSchedule, REMINT_SCHEDULES } from '../../src/plan/index.js';
import { defaultValues, mergeValues, resolveSettings, type Settings, type SettingsInput } from '../../src/settings/index.js';

const settings = (values: SettingsInput): Settings => resolveSettings(values);
/** Without the rules, for what they would refuse (a lifetime too short to re-mint). */
const unchecked = (values: SettingsInput): Settings => mergeValues(defaultValues(), values as never) as Settings;
const lifetimes = (...expiresIn: string[]) => ({ widgets: expiresIn.map((e, i) => ({ name: `w${i}`, ...(e ? { expiresIn: e } : {}) })) });

describe('the re-mint schedule', () => {
  test.each<[string, string]>([
    ['4m', '* * * * *'], ['7m', '* * * * *'], ['8m', '*/2 * * * *'], ['20m', '*/5 * * * *'], ['90m', '*/20 * * * *'],
    ['2h', '*/30 * * * *'], ['4h', '0 * * * *'], ['12h', '0 */3 * * *'], ['1d', '0 */6 * * *'], ['2d', '0 */12 * * *'],
    ['4d', '0 0 * * *'], ['27d', '0 0 * * *'], ['4w', '0 0 * * 0'], ['3650d', '0 0 * * 0'], ['14400s', '0 * * * *'],
  ])('a %s token is re-minted on %s: at least every quarter of its lifetime', (lifetime, schedule) => {
    expect(remintSchedule(settings(lifetimes(lifetime)))).toBe(schedule);
  });

  test('runs at the least frequent step that still renews every token three times before it expires', () => {
    REMINT_SCHEDULES.forEach(([period, schedule], i) => {
      expect(remintSchedule(settings(lifetimes(`${4 * period}s`)))).toBe(schedule);
      // A second less, and the step before it (the first step is as often as a CronJob runs).
      if (i > 0) expect(remintSchedule(settings(lifetimes(`${4 * period - 1}s`)))).toBe(REMINT_SCHEDULES[i - 1]![1]);
    });
    // Each step divides the next unit, so the runs come evenly.
    for (const [period] of REMINT_SCHEDULES) expect([period, [3600, 86400, 604800].some((u) => period <= u && u % period === 0)]).toEqual([period, true]);
  });

  test('follows the shortest lifetime of all the widgets, ignoring those that never expire', () => {
    expect(remintSchedule(settings(lifetimes('30d', '', '12h', '1w')))).toBe('0 */3 * * *');
    expect(remintSchedule(settings(lifetimes('', '')))).toBe('');
  });

  test('is minter.schedule when set, even with no token that expires; none without the minter', () => {
    expect(remintSchedule(settings({ minter: { schedule: '@daily' } }))).toBe('@daily');
    expect(remintSchedule(settings({ ...lifetimes('4m'), minter: { schedule: '*/30 * * * *' } }))).toBe('*/30 * * * *');
    expect(remintSchedule(settings({ ...lifetimes('1d'), minter: { enabled: false } }))).toBe('');
    expect(remintSchedule(settings({ minter: { enabled: false, schedule: '@daily' } }))).toBe('');
  });

  test('leaves out lifetimes over the ten-year bound, which a rule refuses', () => {
    expect(remintSchedule(unchecked(lifetimes('3651d')))).toBe('');
    expect(remintSchedule(unchecked(lifetimes('9'.repeat(40) + 'w', '2h')))).toBe('*/30 * * * *');
  });

  test('refuses a lifetime under four minutes when it would set the schedule', () => {
    expect(() => settings(lifetimes('30d', '3m'))).toThrow(
      "'widgets[1].expiresIn' (3m) is shorter than 4m, the shortest lifetime the re-mint CronJob renews in time (it runs at a quarter of the " +
      "shortest lifetime, and at most once a minute): use 4m or more, or set the schedule yourself (--set minter.schedule='* * * * *')");
    expect(() => settings(lifetimes('239s'))).toThrow("'widgets[0].expiresIn' (239s)");
    expect(remintSchedule(settings(lifetimes('240s')))).toBe('* * * * *');
    expect(remintSchedule(settings({ ...lifetimes('90s'), minter: { schedule: '* * * * *' } }))).toBe('* * * * *');
    expect(() => settings({ ...lifetimes('1s'), minter: { enabled: false } })).not.toThrow();
  });
});

describe('the re-mint CronJob', () => {
  test('is named after the fullname cut to 45 characters, within the 52 a CronJob name may have, with no hash', () => {
    expect(remintName('bot-rasa')).toBe('bot-rasa-remint');
    expect(remintName('x'.repeat(63))).toBe(`${'x'.repeat(45)}-remint`);
    expect(remintName(`${'x'.repeat(44)}-yyyy`)).toBe(`${'x'.repeat(44)}-remint`);
    expect(planBot(settings({}), { release: 'r'.repeat(53), namespace: 'chat' }).reminter.name.length).toBeLessThanOrEqual(52);
  });

  test('keeps one successful run and three failed ones, and skips a run more than five minutes late', () => {
    expect(planBot(settings(lifetimes('1d')), { release: 'bot', namespace: 'chat' }).reminter).toEqual({
      name: 'bot-rasa-remint', schedule: '0 */6 * * *', startingDeadlineSeconds: 300, successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 3,
    });
  });

  test("makes the minter's RBAC plain objects: the hooks are taken away, the user's annotations stay", () => {
    const asHooks = { 'example.com/a': 'b', 'helm.sh/hook': 'post-install,post-upgrade', 'helm.sh/hook-weight': '-5', 'helm.sh/hook-delete-policy': 'hook-succeeded' };
    const hooks = settings({ minter: { rbacAnnotations: asHooks } }).minter.rbacAnnotations;
    expect(Object.keys(hooks).sort()).toEqual(['example.com/a', 'helm.sh/hook', 'helm.sh/hook-delete-policy', 'helm.sh/hook-weight']);
    expect(minterRbacAnnotations(settings({ minter: { rbacAnnotations: asHooks } }))).toEqual(hooks);
    expect(minterRbacAnnotations(settings({ ...lifetimes('1d'), minter: { rbacAnnotations: asHooks } })))
      .toEqual({ 'example.com/a': 'b' });
    expect(minterRbacAnnotations(settings({ ...lifetimes('1d'), minter: { rbacAnnotations: null } }))).toEqual({});
  });
});
