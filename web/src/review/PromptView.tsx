import type { PromptMessage } from './api';

const ROLE_NAMES: Record<string, string> = { user: 'Person', assistant: 'Model', system: 'System' };

/** A conversation shown read-only, as the snapshot shows it. */
export function PromptView({ prompt }: { prompt: PromptMessage[] }) {
  if (!prompt.length) return <p className="faint">(no earlier messages)</p>;
  return (
    <ol className="snapshot__thread" aria-label="Conversation">
      {prompt.map((m, i) => (
        <li key={i} className={`snapshot__msg snapshot__msg--${m.role}`}>
          <div className="snapshot__role">{ROLE_NAMES[m.role] ?? m.role}</div>
          <p className="snapshot__text">{m.content}</p>
        </li>
      ))}
    </ol>
  );
}
