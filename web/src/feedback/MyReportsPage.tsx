import { paths } from '../app/paths';
import { navigate } from '../lib/router';
import { Tabs } from '../ui';
import { EntriesList } from './EntriesList';
import { ReportsList } from './ReportsList';
import './feedback.css';

/** "My reports and entries": each report's and each contest entry's status, and answers to reviewers. */
export default function MyReportsPage({ tab }: { tab: 'reports' | 'entries' }) {
  return (
    <div className="page page--narrow">
      <div className="page__header">
        <div>
          <h1>My reports and entries</h1>
          <p className="page__subtitle">Where each of your reports and contest entries stands.</p>
        </div>
      </div>
      <Tabs
        label="Reports and entries"
        value={tab}
        onChange={(id) => navigate(id === 'entries' ? paths.myEntries : paths.myReports, { replace: true })}
        tabs={[
          { id: 'reports', label: 'Reports', content: <ReportsList /> },
          { id: 'entries', label: 'Contest entries', content: <EntriesList /> },
        ]}
      />
    </div>
  );
}
