import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Button } from '../ui';
import { letter, move, type RankingDraft } from './ranking';

interface Props {
  candidates: { index: number; text: string }[];
  draft: RankingDraft;
  onChange: (draft: RankingDraft) => void;
  disabled?: boolean;
}

/**
 * The K replies as cards, best first. Reorder by dragging a card onto another's place, by Alt+Arrow keys on
 * a focused card, or with its Move buttons; each move is announced to screen readers.
 */
export function RankingList({ candidates, draft, onChange, disabled }: Props) {
  const { order, tied } = draft;
  const k = order.length;
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const cards = useRef(new Map<number, HTMLLIElement>());
  /** Where the focus goes once a move has re-rendered: the moved card, or the Move button pressed on it. */
  const focusAfterMove = useRef<{ candidate: number; button?: 'up' | 'down' } | null>(null);
  const text = new Map(candidates.map((c) => [c.index, c.text]));

  useEffect(() => {
    if (focusAfterMove.current === null) return;
    const { candidate, button } = focusAfterMove.current;
    focusAfterMove.current = null;
    const card = cards.current.get(candidate);
    const pressed = button && card?.querySelector<HTMLButtonElement>(`[data-move="${button}"]`);
    (pressed && !pressed.disabled ? pressed : card)?.focus();
  }, [order]);

  const moveTo = (from: number, to: number, focus?: 'card' | 'up' | 'down') => {
    if (disabled || to < 0 || to >= k || from === to) return;
    const candidate = order[from];
    if (focus) focusAfterMove.current = { candidate, button: focus === 'card' ? undefined : focus };
    onChange({ ...draft, order: move(order, from, to) });
    setAnnouncement(`Reply ${letter(candidate)} moved to position ${to + 1} of ${k}.`);
  };

  const onKeyDown = (event: KeyboardEvent, position: number) => {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    event.preventDefault();
    moveTo(position, position + (event.key === 'ArrowUp' ? -1 : 1), 'card');
  };

  const setTie = (candidate: number, value: boolean, position: number) => {
    onChange({ ...draft, tied: { ...tied, [candidate]: value } });
    const above = letter(order[position - 1]);
    setAnnouncement(
      value
        ? `Reply ${letter(candidate)} tied with reply ${above}.`
        : `Reply ${letter(candidate)} ranked below reply ${above}.`,
    );
  };

  const onDrop = (event: DragEvent, position: number) => {
    event.preventDefault();
    const from = order.indexOf(Number(event.dataTransfer.getData('text/plain')));
    setDragging(null);
    setOver(null);
    if (from >= 0) moveTo(from, position);
  };

  return (
    <>
      <p id="ranking-help" className="visually-hidden">
        Press Alt+Arrow Up or Alt+Arrow Down to move the focused reply, or drag it to a new place.
      </p>
      <ol className="rank-list" aria-label="Replies, best first">
        {order.map((candidate, position) => {
          const isTied = position > 0 && !!tied[candidate];
          return (
            <li
              key={candidate}
              ref={(el) => {
                if (el) cards.current.set(candidate, el);
                else cards.current.delete(candidate);
              }}
              className={[
                'rank-card',
                isTied ? 'rank-card--tied' : '',
                dragging === candidate ? 'rank-card--dragging' : '',
                over === position && dragging !== candidate ? 'rank-card--over' : '',
              ].join(' ')}
              data-candidate={letter(candidate)}
              tabIndex={0}
              aria-label={`Reply ${letter(candidate)}, position ${position + 1} of ${k}${isTied ? ', tied with the one above' : ''}`}
              aria-describedby="ranking-help"
              draggable={!disabled}
              onDragStart={(e) => {
                e.dataTransfer.setData('text/plain', String(candidate));
                e.dataTransfer.effectAllowed = 'move';
                setDragging(candidate);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(e) => {
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== position) setOver(position);
              }}
              onDrop={(e) => onDrop(e, position)}
              onKeyDown={(e) => onKeyDown(e, position)}
            >
              <div className="rank-card__head">
                <span className="rank-card__position" aria-hidden="true">
                  {position + 1}
                </span>
                <span className="rank-card__name">Reply {letter(candidate)}</span>
                <span className="rank-card__moves">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move reply ${letter(candidate)} up`}
                    disabled={disabled || position === 0}
                    data-move="up"
                    onClick={() => moveTo(position, position - 1, 'up')}
                  >
                    <span aria-hidden="true">↑</span>
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-label={`Move reply ${letter(candidate)} down`}
                    disabled={disabled || position === k - 1}
                    data-move="down"
                    onClick={() => moveTo(position, position + 1, 'down')}
                  >
                    <span aria-hidden="true">↓</span>
                  </Button>
                </span>
              </div>
              <p className="rank-card__text">
                {text.get(candidate) || <span className="faint">(empty reply)</span>}
              </p>
              {position > 0 && (
                <label className="rank-card__tie">
                  <input
                    type="checkbox"
                    checked={isTied}
                    disabled={disabled}
                    onChange={(e) => setTie(candidate, e.target.checked, position)}
                  />
                  Tie with reply {letter(order[position - 1])} above
                </label>
              )}
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite" role="status">
        {announcement}
      </p>
    </>
  );
}
