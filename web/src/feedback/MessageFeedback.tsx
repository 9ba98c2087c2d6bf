import { useState } from 'react';
import type { Message } from '../chat/api';
import { IconButton } from '../ui';
import type { ReportKind } from './api';
import { FlagIcon } from '../ui/icons';
import { RatingButtons } from './RatingButtons';
import { isFlagged, ReportDialog } from './ReportDialog';
import './feedback.css';

/** Thumbs up/down and Report, beside a finished reply's other actions. */
export function ReplyFeedback({ message }: { message: Message }) {
  const [reporting, setReporting] = useState(false);
  return (
    <>
      <RatingButtons messageId={message.id} />
      <IconButton label="Report" icon={<FlagIcon size={14} />} onClick={() => setReporting(true)} />
      {reporting && (
        <ReportDialog
          message={message}
          initialKind={isFlagged(message) ? 'filter_false_positive' : 'harmful_output'}
          onClose={() => setReporting(false)}
        />
      )}
    </>
  );
}

/**
 * Under a message: "this was wrongly flagged" when the content filter warned or blocked it, and
 * "this should have been flagged" under any reply it let through.
 */
export function FilterFeedback({ message, streaming }: { message: Message; streaming: boolean }) {
  const [reporting, setReporting] = useState<ReportKind | null>(null);
  const flagged = isFlagged(message);
  const missed = message.role === 'assistant' && message.moderation?.action !== 'block';
  if (streaming || message.role === 'system' || (!flagged && !missed)) return null;
  return (
    <div className="filter-feedback">
      {flagged && (
        <button type="button" className="link-button" onClick={() => setReporting('filter_false_positive')}>
          This was wrongly flagged
        </button>
      )}
      {missed && (
        <button type="button" className="link-button" onClick={() => setReporting('filter_false_negative')}>
          This should have been flagged
        </button>
      )}
      {reporting && (
        <ReportDialog message={message} initialKind={reporting} onClose={() => setReporting(null)} />
      )}
    </div>
  );
}
