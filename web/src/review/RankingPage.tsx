import { useState, type FormEvent } from 'react';
import { paths } from '../app/paths';
import { errorMessage } from '../lib/api';
import { navigate } from '../lib/router';
import { useAsync } from '../lib/useAsync';
import { Alert, Button, Card, Loading } from '../ui';
import { reviewApi, type Ranking, type RankingTask } from './api';
import { rememberPrompt } from './demonstration-prompt';
import { describeRanking, initialDraft, ranksOf, type RankingDraft } from './ranking';
import { RankingList } from './RankingList';
import { PromptView } from './PromptView';
import { ReviewNav } from './ReviewNav';
import './review.css';
import './ranking.css';

/** Trainers: the next comparison task, ranked by dragging or by keyboard, ties and "all unacceptable" included. */
export default function RankingPage() {
  const next = useAsync((signal) => reviewApi.nextTask(signal), 'ranking:next');
  const task = next.data?.task ?? null;

  return (
    <div className="page">
      <ReviewNav />
      <div className="page__header">
        <div>
          <h1>Ranking</h1>
          <p className="page__subtitle">
            Order the replies from best to worst. Your ranking trains the reward model.
          </p>
        </div>
      </div>
      {next.status === 'loading' && <Loading label="Loading the next task" />}
      {next.status === 'error' && (
        <Alert
          tone="danger"
          title="Could not load the next task"
          actions={
            <Button size="sm" onClick={next.reload}>
              Retry
            </Button>
          }
        >
          {errorMessage(next.error)}
        </Alert>
      )}
      {next.status === 'ok' && !task && (
        <Card>
          <p className="empty">No ranking task is waiting for you.</p>
          <Button onClick={next.reload}>Check again</Button>
        </Card>
      )}
      {next.status === 'ok' && task && <TaskForm key={task.id} task={task} onNext={next.reload} />}
    </div>
  );
}

function TaskForm({ task, onNext }: { task: RankingTask; onNext: () => void }) {
  const [draft, setDraft] = useState<RankingDraft>(() => initialDraft(task.candidates.length));
  const [allUnacceptable, setAllUnacceptable] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Ranking | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      setSaved(await reviewApi.rank(task.id, ranksOf(draft), allUnacceptable));
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  const writeDemonstration = () => {
    rememberPrompt(task.prompt);
    navigate(paths.reviewDemonstrations);
  };

  return (
    <form className="ranking" onSubmit={(e) => void submit(e)} aria-label="Rank the replies">
      <Card title="The conversation" description="Each reply below answers its last message.">
        <PromptView prompt={task.prompt} />
      </Card>
      <Card
        title={`Replies (${task.candidates.length})`}
        description="Best first. Drag a reply, or focus it and press Alt+↑ or Alt+↓."
      >
        <RankingList
          candidates={task.candidates}
          draft={draft}
          onChange={setDraft}
          disabled={!!saved || busy}
        />
        <label className="ranking__unacceptable">
          <input
            type="checkbox"
            checked={allUnacceptable}
            disabled={!!saved}
            onChange={(e) => setAllUnacceptable(e.target.checked)}
          />
          All unacceptable: none of these replies should be given (still order them)
        </label>
      </Card>
      {refusal && (
        <Alert
          tone="danger"
          title="The ranking was not saved"
          actions={
            <Button size="sm" onClick={onNext}>
              Next task
            </Button>
          }
        >
          {refusal}
        </Alert>
      )}
      {saved ? (
        <Alert
          tone="success"
          title="Ranking saved"
          actions={
            <>
              {saved.allUnacceptable && (
                <Button size="sm" onClick={writeDemonstration}>
                  Write a better reply
                </Button>
              )}
              <Button size="sm" variant="primary" onClick={onNext}>
                Next task
              </Button>
            </>
          }
        >
          {describeRanking(draft.order, saved.ranks)}
          {saved.allUnacceptable && ' · all unacceptable'}
        </Alert>
      ) : (
        <div className="ranking__actions">
          <span className="muted">{describeRanking(draft.order, ranksOf(draft))}</span>
          <Button type="submit" variant="primary" loading={busy}>
            Submit ranking
          </Button>
        </div>
      )}
    </form>
  );
}
