import { Init1795582612584 } from './1795582612584-Init.js';
import { Chat1795583493783 } from './1795583493783-Chat.js';
import { Moderation1795584034394 } from './1795584034394-Moderation.js';
import { Feedback1795584092748 } from './1795584092748-Feedback.js';
import { TrainingRuns1795584838013 } from './1795584838013-TrainingRuns.js';
import { Contest1795585224209 } from './1795585224209-Contest.js';
import { Retrain1795588122708 } from './1795588122708-Retrain.js';
import { ReportBandKeys1795590000000 } from './1795590000000-ReportBandKeys.js';

/** Every migration, in the order it runs. `npm run migration:generate -- <Name>` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795582612584,
  Chat1795583493783,
  Moderation1795584034394,
  Feedback1795584092748,
  TrainingRuns1795584838013,
  Contest1795585224209,
  Retrain1795588122708,
  ReportBandKeys1795590000000,
];
