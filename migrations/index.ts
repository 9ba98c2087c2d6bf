import { Init1795582612584 } from './1795582612584-Init.js';

/** Every migration, in the order it runs. `npm run migration:generate -- <Name>` appends here. */
export const MIGRATIONS: Function[] = [
  Init1795582612584,
];
