import { formatDateTime } from '../lib/format';
import { Badge, Card } from '../ui';
import type { AssignmentDetail, BlindReport } from './api';

/** The entry as a judge sees it: the write-up and its reports, never who entered it (blind judging). */
export function EntryView({ entry, title }: { entry: AssignmentDetail['entry']; title: string }) {
  return (
    <Card title={title} description={`Submitted ${formatDateTime(entry.submittedAt)}`}>
      {entry.entrant && (
        <p className="entry__entrant">
          Entrant: {entry.entrant.displayName ?? <span className="muted">no display name</span>}
        </p>
      )}
      <h3 className="entry__heading">Write-up</h3>
      <p className="entry__writeup">{entry.writeUp}</p>
      {entry.reports.map((report, i) => (
        <ReportView key={i} report={report} index={i + 1} count={entry.reports.length} />
      ))}
    </Card>
  );
}

function ReportView({ report, index, count }: { report: BlindReport; index: number; count: number }) {
  return (
    <section className="report" aria-label={`Report ${index} of ${count}`}>
      <h3 className="entry__heading">
        Report {index} <Badge tone="info">{report.kind.replace(/_/g, ' ')}</Badge>
        {report.categories.map((c) => (
          <Badge key={c}>{c}</Badge>
        ))}
      </h3>
      {report.description && <p className="report__description">{report.description}</p>}
      <details className="report__conversation">
        <summary>
          Conversation{report.conversation.title ? `: ${report.conversation.title}` : ''} (
          {report.conversation.messages.length} messages)
        </summary>
        <ol className="report__messages">
          {report.conversation.messages.map((m, i) => (
            <li key={i} className={`report__message report__message--${m.role}`}>
              <span className="report__role">{m.role}</span> {m.content}
            </li>
          ))}
        </ol>
      </details>
      <figure className="report__reported">
        <figcaption>
          Reported reply{report.message.modelName ? ` (${report.message.modelName})` : ''}
        </figcaption>
        <blockquote>{report.message.content}</blockquote>
      </figure>
    </section>
  );
}
