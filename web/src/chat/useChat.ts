import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { errorMessage, isAbort } from '../lib/api';
import {
  conversationsApi,
  messagesPath,
  regeneratePath,
  titleFrom,
  type Conversation,
  type ConversationDetail,
  type Message,
  type ReplyMessages,
  type Sampling,
} from './api';
import { streamReply, type ReplyOutcome } from './stream';
import { buildTree, choose, currentPath, type Selection } from './tree';

/** What a failed generation offers to do again. */
export type RetryPlan =
  { kind: 'send'; content: string; parentId: string | null } | { kind: 'regenerate'; messageId: string };

export interface ChatFailure {
  conversationId: string;
  title: string;
  message: string;
  retry: RetryPlan;
}

export interface Generation {
  /** Empty while the conversation itself is being created. */
  conversationId: string;
  phase: 'starting' | 'streaming' | 'stopping';
  assistantId?: string;
  /** The user's text until the server confirms it (shown as a pending message). */
  pendingText?: string;
}

export type ConversationLoad =
  | { status: 'idle' }
  | { status: 'loading'; id: string }
  | { status: 'ok'; conversation: ConversationDetail }
  | { status: 'error'; id: string; error: unknown };

export interface ChatEvents {
  /** A conversation was created here (the page navigates to it). */
  onCreated: (conversation: Conversation) => void;
  /** A conversation got a new reply (the list moves it to the top). */
  onActivity: (conversationId: string) => void;
  /** The reply settings to send, if any differ from the server's defaults. */
  sampling: () => Sampling | undefined;
}

function upsert(list: Message[], ...items: (Message | null | undefined)[]): Message[] {
  let next = list;
  for (const item of items) {
    if (!item) continue;
    const i = next.findIndex((m) => m.id === item.id);
    next = i === -1 ? [...next, item] : next.map((m, j) => (j === i ? { ...m, ...item } : m));
  }
  return next;
}

/** Asks the server to stop a reply; if it cannot (not running here), closing the stream stops it too. */
async function stopOnServer(
  conversationId: string,
  messageId: string,
  abort: AbortController,
): Promise<void> {
  try {
    const { stopped } = await conversationsApi.stop(conversationId, messageId);
    if (!stopped) abort.abort();
  } catch {
    abort.abort();
  }
}

/** After the reply started, trying again means a new reply to the same user message. */
function retryAfterStart(started: ReplyMessages | null, before: RetryPlan): RetryPlan {
  const question = started?.userMessage?.id ?? started?.assistantMessage?.parentId;
  return question ? { kind: 'regenerate', messageId: question } : before;
}

/**
 * One conversation as the chat page shows it: its message tree, the branch on screen, and the
 * generation in flight (streamed token by token, stoppable, retryable after a failure).
 */
export function useChat(conversationId: string | undefined, events: ChatEvents) {
  const [load, setLoad] = useState<ConversationLoad>({ status: 'idle' });
  const [selection, setSelection] = useState<Selection>({});
  const [generation, setGeneration] = useState<Generation | null>(null);
  const [failure, setFailure] = useState<ChatFailure | null>(null);
  const [version, setVersion] = useState(0);
  const controller = useRef<AbortController | null>(null);
  const stopRequested = useRef(false);
  const eventsRef = useRef(events);
  useEffect(() => {
    eventsRef.current = events;
  });

  // What is in memory may be another conversation than the URL's (just left, or not fetched yet): the page
  // shows the URL's, fetching it when needed. A conversation created here is put in memory before the URL
  // changes to it, so it is never fetched.
  const loadedId = load.status === 'ok' ? load.conversation.id : load.status === 'idle' ? undefined : load.id;
  const view: ConversationLoad = !conversationId
    ? { status: 'idle' }
    : loadedId === conversationId
      ? load
      : { status: 'loading', id: conversationId };
  const fetchId =
    conversationId && (loadedId !== conversationId || load.status === 'loading') ? conversationId : undefined;
  useEffect(() => {
    if (!fetchId) return;
    const abort = new AbortController();
    conversationsApi.get(fetchId, abort.signal).then(
      (conversation) => setLoad({ status: 'ok', conversation }),
      (error: unknown) => !isAbort(error) && setLoad({ status: 'error', id: fetchId, error }),
    );
    return () => abort.abort();
  }, [fetchId, version]);

  // A reply still streaming into a conversation that was left keeps its state tagged with that
  // conversation; the page only shows what belongs to the one on screen ('' while creating one).
  const currentId = view.status === 'ok' ? view.conversation.id : (conversationId ?? '');
  const shownGeneration = generation?.conversationId === currentId ? generation : null;
  const shownFailure = failure?.conversationId === currentId ? failure : null;

  const reload = useCallback(() => {
    if (!conversationId) return;
    setLoad({ status: 'loading', id: conversationId });
    setVersion((v) => v + 1);
  }, [conversationId]);

  const conversation = view.status === 'ok' ? view.conversation : null;
  const tree = useMemo(() => buildTree(conversation?.messages ?? []), [conversation?.messages]);
  const path = useMemo(() => currentPath(tree, selection), [tree, selection]);

  /** Changes the messages of conversation `id`, if it is still the one in memory. */
  const updateMessages = useCallback((id: string, change: (messages: Message[]) => Message[]) => {
    setLoad((prev) =>
      prev.status === 'ok' && prev.conversation.id === id
        ? {
            status: 'ok',
            conversation: { ...prev.conversation, messages: change(prev.conversation.messages) },
          }
        : prev,
    );
  }, []);

  /** Runs one streamed generation (a new message or a regeneration) and records how it ended. */
  const generate = useCallback(
    async (
      target: string,
      url: string,
      body: Record<string, unknown>,
      retry: RetryPlan,
      pendingText?: string,
    ) => {
      const abort = new AbortController();
      controller.current = abort;
      setGeneration({
        conversationId: target,
        phase: stopRequested.current ? 'stopping' : 'starting',
        pendingText,
      });
      if (stopRequested.current) abort.abort(); // Stop was pressed while the conversation was being created
      let assistantId: string | undefined;

      const outcome: ReplyOutcome = await streamReply(
        url,
        body,
        {
          onStart: ({ userMessage, assistantMessage }) => {
            updateMessages(target, (list) => upsert(list, userMessage, assistantMessage));
            // Selections are keyed by message id, so choosing in a conversation no longer shown is harmless.
            setSelection((s) => {
              const withQuestion = userMessage ? choose(s, userMessage) : s;
              return assistantMessage ? choose(withQuestion, assistantMessage) : withQuestion;
            });
            // The filter blocked the message: there is no reply to stream.
            if (!assistantMessage) return;
            assistantId = assistantMessage.id;
            setGeneration((g) =>
              g?.conversationId === target
                ? {
                    conversationId: target,
                    phase: g.phase === 'stopping' ? 'stopping' : 'streaming',
                    assistantId,
                  }
                : g,
            );
            // Stop was pressed before the reply had an id.
            if (stopRequested.current) void stopOnServer(target, assistantMessage.id, abort);
          },
          onDelta: (text) => {
            const id = assistantId;
            updateMessages(target, (list) =>
              list.map((m) => (m.id === id ? { ...m, content: m.content + text } : m)),
            );
          },
        },
        abort.signal,
      );
      if (controller.current === abort) controller.current = null;

      const mark = (started: ReplyMessages | null, status: Message['status']) => {
        const id = started?.assistantMessage?.id;
        if (!id) return;
        updateMessages(target, (list) =>
          list.map((m) => (m.id === id && m.status === 'streaming' ? { ...m, status } : m)),
        );
      };
      const fail = (next: Omit<ChatFailure, 'conversationId'>) =>
        setFailure({ ...next, conversationId: target });

      switch (outcome.kind) {
        case 'done':
          updateMessages(target, (list) =>
            upsert(list, outcome.messages.userMessage, outcome.messages.assistantMessage),
          );
          eventsRef.current.onActivity(target);
          break;
        case 'refused':
          fail({
            title: outcome.error.isNetwork ? 'Could not reach the server' : 'The message was not sent',
            message: outcome.error.isNetwork
              ? 'Check your connection, then try again.'
              : outcome.error.message,
            retry,
          });
          break;
        case 'failed':
          mark(outcome.started, 'failed');
          fail({
            title: 'The reply failed',
            message: outcome.error.message,
            retry: retryAfterStart(outcome.started, retry),
          });
          break;
        case 'cut':
          mark(outcome.started, 'interrupted');
          fail({
            title: 'Connection lost',
            message: 'The connection dropped while the reply was streaming, so it may be incomplete.',
            retry: retryAfterStart(outcome.started, retry),
          });
          break;
        case 'aborted':
          mark(outcome.started, 'stopped');
          break;
      }
      setGeneration((g) => (g?.conversationId === target ? null : g));
      return outcome;
    },
    [updateMessages],
  );

  /** Creates a conversation for a first message; returns it with its messages (a system prompt is one). */
  const create = useCallback(
    async (content: string, systemPrompt: string | undefined): Promise<ConversationDetail | null> => {
      setGeneration({ conversationId: '', phase: 'starting', pendingText: content });
      try {
        const created = await conversationsApi.create({ title: titleFrom(content), systemPrompt });
        const detail = systemPrompt ? await conversationsApi.get(created.id) : { ...created, messages: [] };
        // One render with the conversation in memory and the URL moved to it (onCreated navigates).
        flushSync(() => {
          setLoad({ status: 'ok', conversation: detail });
          setGeneration((g) => (g?.conversationId === '' ? { ...g, conversationId: created.id } : g));
          eventsRef.current.onCreated(created);
        });
        return detail;
      } catch (error) {
        setGeneration(null);
        setFailure({
          conversationId: '',
          title: 'Could not start the conversation',
          message: errorMessage(error),
          retry: { kind: 'send', content, parentId: null },
        });
        return null;
      }
    },
    [],
  );

  /** Sends `content` under the last message of the branch on screen (or `parentId`). */
  const send = useCallback(
    async (content: string, options: { systemPrompt?: string; parentId?: string | null } = {}) => {
      stopRequested.current = false;
      setFailure(null);
      let target = conversationId;
      let parentId = options.parentId !== undefined ? options.parentId : (path.at(-1)?.id ?? null);
      if (!target) {
        const created = await create(content, options.systemPrompt?.trim() || undefined);
        if (!created) return null;
        target = created.id;
        parentId = created.messages.at(-1)?.id ?? null;
      }
      const sampling = eventsRef.current.sampling();
      const body = { content, ...(parentId ? { parentId } : {}), ...(sampling ? { sampling } : {}) };
      return generate(target, messagesPath(target), body, { kind: 'send', content, parentId }, content);
    },
    [conversationId, path, create, generate],
  );

  /** A new reply to the same user message (`messageId`: the reply, or the user message itself). */
  const regenerate = useCallback(
    (messageId: string) => {
      if (!conversationId) return null;
      stopRequested.current = false;
      setFailure(null);
      const sampling = eventsRef.current.sampling();
      return generate(
        conversationId,
        regeneratePath(conversationId, messageId),
        sampling ? { sampling } : {},
        {
          kind: 'regenerate',
          messageId,
        },
      );
    },
    [conversationId, generate],
  );

  const retry = useCallback(() => {
    if (!shownFailure) return null;
    const plan = shownFailure.retry;
    return plan.kind === 'send'
      ? send(plan.content, { parentId: plan.parentId })
      : regenerate(plan.messageId);
  }, [shownFailure, send, regenerate]);

  const stop = useCallback(() => {
    if (!shownGeneration || shownGeneration.phase === 'stopping') return;
    const { conversationId: target, assistantId } = shownGeneration;
    stopRequested.current = true;
    setGeneration({ ...shownGeneration, phase: 'stopping' });
    const abort = controller.current;
    if (abort && assistantId) void stopOnServer(target, assistantId, abort);
    // Otherwise the reply has no id yet: it is stopped as soon as it gets one.
  }, [shownGeneration]);

  const selectMessage = useCallback((message: Message) => setSelection((s) => choose(s, message)), []);
  const setTitle = useCallback(
    (title: string) =>
      setLoad((prev) =>
        prev.status === 'ok' ? { status: 'ok', conversation: { ...prev.conversation, title } } : prev,
      ),
    [],
  );

  return {
    load: view,
    conversation,
    tree,
    path,
    generation: shownGeneration,
    failure: shownFailure,
    dismissFailure: useCallback(() => setFailure(null), []),
    send,
    regenerate,
    retry,
    stop,
    selectMessage,
    reload,
    setTitle,
  };
}

export type Chat = ReturnType<typeof useChat>;
