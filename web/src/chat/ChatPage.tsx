import { useCallback, useState } from 'react';
import { conversationPath, paths } from '../app/paths';
import { ApiError, errorMessage } from '../lib/api';
import { Link, navigate } from '../lib/router';
import { Alert, Button, Field, IconButton, Loading, Textarea } from '../ui';
import { ChatIcon, PanelIcon } from '../ui/icons';
import type { Message } from './api';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { ConversationRatings } from '../feedback/ConversationRatings';
import { MessageThread, useStickToBottom } from './MessageThread';
import { useReplySettings } from './settings';
import { useChat } from './useChat';
import { useConversations } from './useConversations';
import './chat.css';

const SUGGESTIONS = [
  'Explain RLHF in two sentences.',
  'Write a haiku about feedback.',
  'What can you help me with?',
];

/** Chat: conversations on the left, the branch of the one open, and the composer. */
export default function ChatPage({ conversationId }: { conversationId?: string }) {
  const list = useConversations();
  const reply = useReplySettings();
  const [draft, setDraft] = useState('');
  const [systemPrompt, setSystemPrompt] = useState('');
  const [showSystem, setShowSystem] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);

  const chat = useChat(conversationId, {
    onCreated: (conversation) => {
      list.touch(conversation);
      navigate(conversationPath(conversation.id));
    },
    onActivity: (id) => list.touch({ id }),
    sampling: reply.sampling,
  });
  const { generation, failure, path } = chat;
  const generating = !!generation;
  const { scrollRef, onScroll, pin } = useStickToBottom(
    `${conversationId}:${path.length}:${path.at(-1)?.content.length}:${failure?.title}`,
  );

  const send = async (text: string) => {
    setDraft('');
    pin();
    const outcome = await chat.send(text, { systemPrompt: conversationId ? undefined : systemPrompt });
    // Not sent at all: give the text back so nothing typed is lost.
    if (!outcome || outcome.kind === 'refused') setDraft((current) => current || text);
    else if (!conversationId) setSystemPrompt('');
  };
  const retry = async () => {
    const plan = chat.failure?.retry;
    if (plan?.kind === 'send' && draft === plan.content) setDraft('');
    pin();
    await chat.retry();
  };
  const { regenerate } = chat;
  const onRegenerate = useCallback(
    (message: Message) => {
      pin();
      void regenerate(message.id);
    },
    [regenerate, pin],
  );

  const title = chat.conversation?.title ?? (conversationId ? '' : 'New chat');
  const notFound =
    chat.load.status === 'error' && chat.load.error instanceof ApiError && chat.load.error.status === 404;
  const empty = !conversationId && path.length === 0 && !generation?.pendingText;

  return (
    <div className={`chat ${sidebarOpen ? 'chat--sidebar-open' : ''}`}>
      <aside id="chat-sidebar" className="chat__sidebar" aria-label="Your conversations">
        <ConversationList
          list={list}
          currentId={conversationId}
          onRenamed={(c) => c.id === conversationId && chat.setTitle(c.title)}
          onNavigate={() => setSidebarOpen(false)}
        />
      </aside>
      <div className="chat__backdrop" onClick={() => setSidebarOpen(false)} aria-hidden="true" />
      <section className="chat__main" aria-labelledby="chat-title">
        <header className="chat__header">
          <IconButton
            className="chat__sidebar-toggle"
            label={sidebarOpen ? 'Hide conversations' : 'Show conversations'}
            icon={<PanelIcon />}
            aria-expanded={sidebarOpen}
            aria-controls="chat-sidebar"
            onClick={() => setSidebarOpen((o) => !o)}
          />
          <h1 id="chat-title" className="chat__title">
            {title || <span className="faint">Loading…</span>}
          </h1>
        </header>

        <div className="chat__scroll" ref={scrollRef} onScroll={onScroll}>
          <div className="chat__column">
            {chat.load.status === 'loading' && <Loading label="Loading the conversation" />}
            {chat.load.status === 'error' && (
              <Alert
                tone="danger"
                title={notFound ? 'Conversation not found' : 'Could not load the conversation'}
                actions={
                  notFound ? (
                    <Link to={paths.chat} className="btn btn--secondary btn--sm">
                      New chat
                    </Link>
                  ) : (
                    <Button size="sm" onClick={chat.reload}>
                      Retry
                    </Button>
                  )
                }
              >
                {notFound ? 'It may have been deleted, or the link is wrong.' : errorMessage(chat.load.error)}
              </Alert>
            )}
            {empty && (
              <div className="chat__empty">
                <div className="chat__empty-icon" aria-hidden="true">
                  <ChatIcon size={26} />
                </div>
                <h2>What would you like to ask?</h2>
                <p className="muted">
                  Replies stream in as the model writes them. You can stop, regenerate and compare them.
                </p>
                <div className="chat__suggestions">
                  {SUGGESTIONS.map((s) => (
                    <button key={s} type="button" className="suggestion" onClick={() => setDraft(s)}>
                      {s}
                    </button>
                  ))}
                </div>
                <div className="chat__system">
                  <Button
                    size="sm"
                    variant="ghost"
                    aria-expanded={showSystem}
                    onClick={() => setShowSystem((v) => !v)}
                  >
                    {showSystem ? 'Hide system prompt' : 'Add a system prompt'}
                  </Button>
                  {showSystem && (
                    <Field label="System prompt" hint="Instructions the model sees before the conversation.">
                      <Textarea
                        rows={3}
                        maxLength={8000}
                        value={systemPrompt}
                        onChange={(e) => setSystemPrompt(e.target.value)}
                      />
                    </Field>
                  )}
                </div>
              </div>
            )}
            {chat.load.status !== 'error' && (
              <ConversationRatings conversationId={conversationId}>
                <MessageThread
                  path={path}
                  tree={chat.tree}
                  generation={generation}
                  onSelect={chat.selectMessage}
                  onRegenerate={onRegenerate}
                />
              </ConversationRatings>
            )}
          </div>
        </div>

        <div className="chat__bottom">
          <div className="chat__column">
            {failure && (
              <Alert
                tone="danger"
                title={failure.title}
                className="chat__failure"
                actions={
                  <>
                    <Button size="sm" variant="primary" onClick={() => void retry()} disabled={generating}>
                      Retry
                    </Button>
                    <Button size="sm" variant="ghost" onClick={chat.dismissFailure}>
                      Dismiss
                    </Button>
                  </>
                }
              >
                {failure.message}
              </Alert>
            )}
            {!notFound && (
              <Composer
                value={draft}
                onChange={setDraft}
                onSend={(text) => void send(text)}
                onStop={chat.stop}
                generating={generating}
                stopping={generation?.phase === 'stopping'}
                settings={reply.settings}
                onSettings={reply.update}
                autoFocusKey={conversationId ?? 'new'}
              />
            )}
          </div>
        </div>
      </section>
    </div>
  );
}
