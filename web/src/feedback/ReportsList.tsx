import { paths } from '../app/paths';
import { Link } from '../lib/router';
import { Button, Loading } from '../ui';
import { feedbackApi, type Report } from './api';
import { LoadError } from '../ui';
import { ReportItem } from './ReportItem';
import { usePages } from './usePages';

/** The person's reports, newest first, a page at a time. */
export function ReportsList() {
  const pages = usePages<Report>((cursor, signal) => feedbackApi.reports(cursor, signal));
  if (pages.status === 'error')
    return <LoadError error={pages.error} retry={pages.reload} what="your reports" />;
  if (pages.status === 'loading' && !pages.items.length) return <Loading label="Loading your reports" />;
  if (!pages.items.length)
    return (
      <p className="muted">
        No reports yet. Use the flag under a reply in <Link to={paths.chat}>Chat</Link> to report one.
      </p>
    );
  return (
    <>
      <ul className="feedback-list" aria-label="Your reports">
        {pages.items.map((report) => (
          <ReportItem
            key={report.id}
            report={report}
            onChange={(next) => pages.replace((r) => r.id === next.id, { ...next, events: undefined })}
          />
        ))}
      </ul>
      {pages.error !== null && <LoadError error={pages.error} retry={pages.more} what="more reports" />}
      {pages.next && (
        <Button onClick={pages.more} loading={pages.loadingMore}>
          Show more
        </Button>
      )}
    </>
  );
}
