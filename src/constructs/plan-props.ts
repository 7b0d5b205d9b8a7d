import type { BotPlan } from '../plan/index.js';

/** What every construct of a bot is given. */
export interface PlanProps {
  /** The bot's plan (see planBot): its settings, names, labels and everything else derived. */
  readonly plan: BotPlan;
}
