import { formatDateTime } from '../lib/format';
import { Badge } from '../ui';
import type { ReportSnapshot } from './api';

/** What the reporter saw, frozen when they reported: the thread up to the message, the model and the filter's decision. */
export function SnapshotView({ snapshot }: { snapshot: ReportSnapshot }) {
  const { message, moderation } = snapshot;
  const topScores = moderation
    ? Object.entries(moderation.scores)
        .sort(([, a], [, b]) => b - a)
        .slice(0, 4)
    : [];
  return (
    <div className="snapshot">
      <ol className="snapshot__thread" aria-label="Conversation up to the reported message">
        {snapshot.messages.map((m) => {
          const reported = m.id === message.id;
          return (
            <li
              key={m.id}
              className={`snapshot__msg snapshot__msg--${m.role} ${reported ? 'snapshot__msg--reported' : ''}`}
            >
              <div className="snapshot__role">
                {m.role === 'assistant' ? 'Model' : m.role === 'user' ? 'Person' : m.role}
                {reported && <Badge tone="danger">reported</Badge>}
                {m.status !== 'complete' && <Badge tone="neutral">{m.status}</Badge>}
              </div>
              <p className="snapshot__text">{m.content || <span className="faint">(empty)</span>}</p>
            </li>
          );
        })}
      </ol>
      <dl className="snapshot__facts">
        <div>
          <dt>Model</dt>
          <dd className="mono">{message.modelName ?? '—'}</dd>
        </div>
        <div>
          <dt>Filter</dt>
          <dd>
            {moderation ? (
              <>
                {moderation.action}
                {moderation.categories.length > 0 && ` (${moderation.categories.join(', ')})`}
              </>
            ) : (
              <span className="faint">not checked</span>
            )}
          </dd>
        </div>
        {topScores.length > 0 && (
          <div>
            <dt>Top filter scores</dt>
            <dd className="snapshot__scores">
              {topScores.map(([name, score]) => (
                <span key={name}>
                  {name} <span className="mono">{score.toFixed(2)}</span>
                </span>
              ))}
            </dd>
          </div>
        )}
        <div>
          <dt>Snapshot taken</dt>
          <dd>{formatDateTime(snapshot.takenAt)}</dd>
        </div>
      </dl>
    </div>
  );
}
