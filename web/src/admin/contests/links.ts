import { paths } from '../../app/paths';

/** The admin page of one contest. */
export function contestPagePath(slug: string): string {
  return paths.manageContest.replace(':slug', encodeURIComponent(slug));
}
