import { useState } from 'react';
import { errorMessage } from '../lib/api';
import { IconButton, useToast } from '../ui';
import { feedbackApi, type Rating, type RatingValue } from './api';
import { useSavedRating } from './ConversationRatings';
import { ThumbDownIcon, ThumbUpIcon } from '../ui/icons';
import { ReasonsDialog } from './ReasonsDialog';

/** Thumbs up or down on a reply; a thumbs down asks why. Pressed state comes from the saved rating. */
export function RatingButtons({ messageId }: { messageId: string }) {
  const toast = useToast();
  const saved = useSavedRating(messageId);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  // What this page saved wins over what was loaded (a load can finish after a click).
  const [changed, setChanged] = useState<Rating | null>(null);
  const rating = changed ?? saved.rating;

  const rate = async (value: RatingValue) => {
    setBusy(true);
    try {
      const next = await feedbackApi.rate(messageId, { value });
      setChanged(next);
      if (value === 'down') setAsking(true);
      else toast('Thanks for the feedback', 'success');
    } catch (e) {
      toast(errorMessage(e), 'danger');
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <IconButton
        label="Good reply"
        icon={<ThumbUpIcon size={14} />}
        aria-pressed={rating?.value === 'up'}
        className={rating?.value === 'up' ? 'rating--on' : undefined}
        disabled={busy || saved.loading}
        onClick={() => void rate('up')}
      />
      <IconButton
        label="Bad reply"
        icon={<ThumbDownIcon size={14} />}
        aria-pressed={rating?.value === 'down'}
        className={rating?.value === 'down' ? 'rating--on' : undefined}
        disabled={busy || saved.loading}
        onClick={() => void rate('down')}
      />
      {asking && (
        <ReasonsDialog
          messageId={messageId}
          rating={rating}
          onClose={() => setAsking(false)}
          onSaved={(next: Rating) => {
            setChanged(next);
            toast('Thanks for the feedback', 'success');
          }}
        />
      )}
    </>
  );
}
