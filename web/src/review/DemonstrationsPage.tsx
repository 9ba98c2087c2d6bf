import { useEffect, useState, type FormEvent } from 'react';
import { errorMessage } from '../lib/api';
import { Alert, Button, Card, Field, Textarea } from '../ui';
import { reviewApi, type Demonstration, type PromptMessage } from './api';
import { clearPrompt, readPrompt } from './demonstration-prompt';
import { PromptEditor } from './PromptEditor';
import { ReviewNav } from './ReviewNav';
import './review.css';
import './ranking.css';

const EMPTY: PromptMessage[] = [{ role: 'user', content: '' }];

/** Trainers: the ideal reply to a conversation, written from scratch or from a model suggestion. */
export default function DemonstrationsPage() {
  const [prompt, setPrompt] = useState<PromptMessage[]>(() => readPrompt() ?? EMPTY);
  // Handed over once: a later visit starts empty.
  useEffect(clearPrompt, []);
  const [content, setContent] = useState('');
  const [suggestion, setSuggestion] = useState<string | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<Demonstration | null>(null);

  const promptReady = prompt.length > 0 && prompt.every((m) => m.content.trim());

  const suggest = async () => {
    if (!promptReady) return setProblem('Fill in every message of the conversation first.');
    setSuggesting(true);
    setProblem(null);
    try {
      // A textarea turns \r into \n: normalise first, so a suggestion kept as it is counts as accepted.
      const text = (await reviewApi.suggest(prompt)).suggestion.replace(/\r\n?/g, '\n');
      setSuggestion(text);
      setContent(text);
    } catch (error) {
      setProblem(`No suggestion: ${errorMessage(error)}`);
    } finally {
      setSuggesting(false);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!promptReady) return setProblem('Fill in every message of the conversation first.');
    if (!content.trim()) return setProblem('Write the reply the model should have given.');
    setSaving(true);
    setProblem(null);
    try {
      setSaved(await reviewApi.demonstrate(prompt, content, suggestion));
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  const startOver = () => {
    setPrompt(EMPTY);
    setContent('');
    setSuggestion(null);
    setSaved(null);
  };

  return (
    <div className="page page--narrow">
      <ReviewNav />
      <div className="page__header">
        <div>
          <h1>Demonstrations</h1>
          <p className="page__subtitle">
            Write the reply the model should give. Demonstrations teach it by example.
          </p>
        </div>
      </div>
      <form className="demo" onSubmit={(e) => void save(e)} aria-label="New demonstration">
        <Card title="The conversation">
          <PromptEditor prompt={prompt} onChange={setPrompt} disabled={!!saved} />
        </Card>
        <Card
          title="The ideal reply"
          actions={
            <Button size="sm" onClick={() => void suggest()} loading={suggesting} disabled={!!saved}>
              {suggestion === null ? 'Suggest a reply' : 'Suggest another'}
            </Button>
          }
        >
          <Field
            label="Reply"
            hint={
              suggestion !== null
                ? 'Started from the model’s suggestion: keep it or improve it.'
                : 'Write it yourself, or start from a model suggestion.'
            }
          >
            <Textarea
              rows={6}
              value={content}
              maxLength={20000}
              disabled={!!saved}
              onChange={(e) => setContent(e.target.value)}
              required
            />
          </Field>
        </Card>
        {problem && (
          <Alert tone="danger" title="Not saved">
            {problem}
          </Alert>
        )}
        {saved ? (
          <Alert
            tone="success"
            title="Demonstration saved"
            actions={
              <Button size="sm" onClick={startOver}>
                Write another
              </Button>
            }
          >
            {saved.suggestion === null
              ? 'Written from scratch.'
              : saved.suggestionAccepted
                ? 'You kept the model’s suggestion as it was.'
                : 'You improved on the model’s suggestion.'}
          </Alert>
        ) : (
          <div className="ranking__actions">
            <Button type="submit" variant="primary" loading={saving}>
              Save demonstration
            </Button>
          </div>
        )}
      </form>
    </div>
  );
}
