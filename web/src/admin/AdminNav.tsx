import { paths } from '../app/paths';
import { SectionNav } from '../ui';

const LINKS = [
  { to: paths.manageUsers, label: 'Users' },
  { to: paths.manageContests, label: 'Contests' },
  { to: paths.manageFilter, label: 'Content filter' },
  { to: paths.manageCredits, label: 'Credits' },
];

/** The admin's pages, one click apart (the header links to the first). */
export function AdminNav() {
  return <SectionNav label="Admin" links={LINKS} />;
}
