import { paths } from '../../app/paths';

/** The credits page showing one person's balance and ledger. */
export function creditsPagePath(userId: string): string {
  return `${paths.manageCredits}?user=${encodeURIComponent(userId)}`;
}
