import { paths } from '../app/paths';
import { SectionNav } from '../ui';

const LINKS = [
  { to: paths.manageModels, label: 'Models' },
  { to: paths.manageTraining, label: 'Training runs' },
  { to: paths.manageDatasets, label: 'Datasets' },
];

/** The operator's pages, one click apart. */
export function OperatorNav() {
  return <SectionNav label="Operator" links={LINKS} />;
}
