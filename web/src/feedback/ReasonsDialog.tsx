import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Dialog, Field, Textarea } from '../ui';
import { feedbackApi, RATING_REASONS, type Rating, type RatingReason } from './api';

const REASON_LABELS: Record<RatingReason, string> = {
  harmful: 'Harmful',
  untrue: 'Untrue',
  unhelpful: 'Unhelpful',
  biased: 'Biased',
  other: 'Other',
};

interface Props {
  messageId: string;
  rating: Rating | null;
  onClose: () => void;
  onSaved: (rating: Rating) => void;
}

/** After a thumbs down: what was wrong, as chips, and a comment. The thumbs down is already saved. */
export function ReasonsDialog({ messageId, rating, onClose, onSaved }: Props) {
  const [reasons, setReasons] = useState<RatingReason[]>(rating?.reasons ?? []);
  const [comment, setComment] = useState(rating?.comment ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (reason: RatingReason) =>
    setReasons((now) => (now.includes(reason) ? now.filter((r) => r !== reason) : [...now, reason]));

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const trimmed = comment.trim();
      onSaved(
        await feedbackApi.rate(messageId, {
          value: 'down',
          reasons,
          ...(trimmed ? { comment: trimmed } : {}),
        }),
      );
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="What was wrong with this reply?"
      description="Your thumbs down is saved. Reasons help the next model version learn."
      onSubmit={() => void save()}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Skip
          </Button>
          <Button type="submit" variant="primary" loading={saving}>
            Send feedback
          </Button>
        </>
      }
    >
      <div className="chips" role="group" aria-label="Reasons">
        {RATING_REASONS.map((reason) => (
          <button
            key={reason}
            type="button"
            className="chip"
            aria-pressed={reasons.includes(reason)}
            onClick={() => toggle(reason)}
          >
            {REASON_LABELS[reason]}
          </button>
        ))}
      </div>
      <Field label="Comment" hint="Optional. What should the reply have said?">
        <Textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
      </Field>
      {error && <Alert tone="danger">{error}</Alert>}
    </Dialog>
  );
}
