import { Init1795582612584 } from './1795582612584-Init.js';
import { Chat1795583493783 } from './1795583493783-Chat.js';
import { Moderation1795584034394 } from './1795584034394-Moderation.js';
import { Feedback1795584092748 } from './1795584092748-Feedback.js';

/** Every migration, in the order it runs. `npm run migration:generate -- <Name>` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795582612584,
  Chat1795583493783,
  Moderation1795584034394,
  Feedback1795584092748,
];
