import { memo } from 'react';
import { formatMs } from '../lib/format';
import { Badge, IconButton, useToast } from '../ui';
import { ChevronLeftIcon, ChevronRightIcon, CopyIcon, RefreshIcon } from '../ui/icons';
import { FilterFeedback, ReplyFeedback } from '../feedback/MessageFeedback';
import type { Message } from './api';
import type { Siblings } from './tree';

export interface MessageItemProps {
  message: Message;
  siblings: Siblings<Message>;
  /** This reply is being written now. */
  streaming: boolean;
  /** Regenerating is possible now (nothing else is being generated). */
  canRegenerate: boolean;
  onSelect: (message: Message) => void;
  onRegenerate: (message: Message) => void;
}

const STATUS: Partial<
  Record<Message['status'], { label: string; tone: 'warning' | 'danger'; title: string }>
> = {
  stopped: {
    label: 'Stopped',
    tone: 'warning',
    title: 'Generation was stopped before the reply was finished',
  },
  failed: { label: 'Failed', tone: 'danger', title: 'The model failed while writing this reply' },
  interrupted: {
    label: 'Interrupted',
    tone: 'warning',
    title: 'The connection dropped while this reply was streaming',
  },
};

/** One message of the branch on screen; replies carry their model, token counts and sibling navigation. */
export const MessageItem = memo(function MessageItem({
  message,
  siblings,
  streaming,
  canRegenerate,
  onSelect,
  onRegenerate,
}: MessageItemProps) {
  const toast = useToast();
  if (message.role === 'system') {
    return (
      <li className="msg msg--system">
        <details>
          <summary>System prompt</summary>
          <p className="msg__text">{message.content}</p>
        </details>
      </li>
    );
  }
  const isUser = message.role === 'user';
  const status = STATUS[message.status];
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(message.content);
      toast('Copied to the clipboard');
    } catch {
      toast('Could not copy the text', 'danger');
    }
  };

  return (
    <li
      className={`msg ${isUser ? 'msg--user' : 'msg--assistant'}`}
      data-message-id={message.id}
      data-status={message.status}
    >
      <span className="visually-hidden">{isUser ? 'You said:' : 'The model said:'}</span>
      <div className="msg__bubble">
        {!isUser && streaming && !message.content ? (
          <span className="typing" role="status">
            <span />
            <span />
            <span />
            <span className="visually-hidden">The model is writing</span>
          </span>
        ) : (
          <p
            className={`msg__text ${streaming ? 'msg__text--streaming' : ''}`}
            aria-live={isUser ? undefined : 'polite'}
            aria-busy={streaming || undefined}
          >
            {message.content || (!isUser && <span className="faint">(empty reply)</span>)}
          </p>
        )}
      </div>
      <div className="msg__footer">
        {siblings.total > 1 && (
          <div
            className="siblings"
            role="group"
            aria-label={isUser ? 'Versions of this message' : 'Replies to choose from'}
          >
            <IconButton
              label={isUser ? 'Previous version' : 'Previous reply'}
              icon={<ChevronLeftIcon size={14} />}
              disabled={!siblings.previous || streaming}
              onClick={() => siblings.previous && onSelect(siblings.previous)}
            />
            <span className="siblings__count" aria-live="polite">
              <span aria-hidden="true">
                {siblings.index + 1} / {siblings.total}
              </span>
              <span className="visually-hidden">
                {isUser ? 'Version' : 'Reply'} {siblings.index + 1} of {siblings.total}
              </span>
            </span>
            <IconButton
              label={isUser ? 'Next version' : 'Next reply'}
              icon={<ChevronRightIcon size={14} />}
              disabled={!siblings.next || streaming}
              onClick={() => siblings.next && onSelect(siblings.next)}
            />
          </div>
        )}
        {!isUser && (
          <>
            {status && (
              <Badge tone={status.tone} title={status.title}>
                {status.label}
              </Badge>
            )}
            <ReplyMeta message={message} />
            {!streaming && (
              <span className="msg__actions">
                <IconButton
                  label="Copy reply"
                  icon={<CopyIcon size={14} />}
                  onClick={() => void copy()}
                  disabled={!message.content}
                />
                <IconButton
                  label="Regenerate reply"
                  icon={<RefreshIcon size={14} />}
                  disabled={!canRegenerate}
                  onClick={() => onRegenerate(message)}
                />
                <ReplyFeedback message={message} />
              </span>
            )}
          </>
        )}
      </div>
      {message.moderation?.notice && (
        <p className="msg__note" role="note">
          {message.moderation.notice}
        </p>
      )}
      <FilterFeedback message={message} streaming={streaming} />
      {message.droppedMessages > 0 && (
        <p className="msg__note">
          The{' '}
          {message.droppedMessages === 1
            ? 'oldest message was'
            : `${message.droppedMessages} oldest messages were`}{' '}
          left out so the conversation fit the model's context.
        </p>
      )}
    </li>
  );
}, sameProps);

function sameProps(a: MessageItemProps, b: MessageItemProps): boolean {
  return (
    a.message === b.message &&
    a.streaming === b.streaming &&
    a.canRegenerate === b.canRegenerate &&
    a.onSelect === b.onSelect &&
    a.onRegenerate === b.onRegenerate &&
    a.siblings.index === b.siblings.index &&
    a.siblings.total === b.siblings.total &&
    a.siblings.previous === b.siblings.previous &&
    a.siblings.next === b.siblings.next
  );
}

/** Model, tokens and time, small and out of the way; the details are in the tooltip. */
function ReplyMeta({ message }: { message: Message }) {
  const parts: string[] = [];
  if (message.modelName) parts.push(message.modelName);
  if (message.completionTokens !== null) parts.push(`${message.completionTokens} tokens`);
  if (message.latencyMs !== null) parts.push(formatMs(message.latencyMs));
  if (!parts.length) return null;
  const title = [
    message.modelName && `Model: ${message.modelName}`,
    message.promptTokens !== null && `Prompt: ${message.promptTokens} tokens`,
    message.completionTokens !== null && `Reply: ${message.completionTokens} tokens`,
    message.finishReason && `Finished: ${message.finishReason}`,
    typeof message.sampling?.temperature === 'number' && `Temperature: ${message.sampling.temperature}`,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className="msg__meta" title={title}>
      {parts.join(' · ')}
      {message.promptTokens !== null && (
        <span className="visually-hidden">, prompt {message.promptTokens} tokens</span>
      )}
    </span>
  );
}
