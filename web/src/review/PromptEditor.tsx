import { Button, Field, Select, Textarea } from '../ui';
import type { PromptMessage } from './api';

const ROLE_OPTIONS = [
  { value: 'user', label: 'Person' },
  { value: 'assistant', label: 'Model' },
  { value: 'system', label: 'System' },
];

interface Props {
  prompt: PromptMessage[];
  onChange: (prompt: PromptMessage[]) => void;
  disabled?: boolean;
}

/** The conversation a demonstration answers: messages with their speaker, added and removed in place. */
export function PromptEditor({ prompt, onChange, disabled }: Props) {
  const update = (i: number, change: Partial<PromptMessage>) =>
    onChange(prompt.map((m, j) => (j === i ? { ...m, ...change } : m)));
  const nextRole = prompt.at(-1)?.role === 'user' ? 'assistant' : 'user';
  return (
    <div className="prompt-editor">
      {prompt.map((m, i) => (
        <div key={i} className="prompt-editor__message">
          <Field label={`Speaker of message ${i + 1}`} hideLabel>
            <Select
              value={m.role}
              disabled={disabled}
              options={ROLE_OPTIONS}
              onChange={(e) => update(i, { role: e.target.value as PromptMessage['role'] })}
            />
          </Field>
          <Field label={`Message ${i + 1}`} hideLabel>
            <Textarea
              rows={2}
              value={m.content}
              disabled={disabled}
              placeholder="What was said"
              onChange={(e) => update(i, { content: e.target.value })}
            />
          </Field>
          {prompt.length > 1 && (
            <Button
              size="sm"
              variant="ghost"
              disabled={disabled}
              onClick={() => onChange(prompt.filter((_, j) => j !== i))}
            >
              Remove message {i + 1}
            </Button>
          )}
        </div>
      ))}
      <Button
        size="sm"
        disabled={disabled}
        onClick={() => onChange([...prompt, { role: nextRole, content: '' }])}
      >
        Add a message
      </Button>
    </div>
  );
}
