import { useState } from 'react';
import { conversationPath, paths } from '../app/paths';
import { errorMessage } from '../lib/api';
import { formatRelative } from '../lib/format';
import { Link, navigate } from '../lib/router';
import { Alert, Button, Dialog, Field, IconButton, Input, Spinner, useToast } from '../ui';
import { PencilIcon, PlusIcon, TrashIcon } from '../ui/icons';
import { conversationsApi, type Conversation } from './api';
import type { ConversationList as List } from './useConversations';

interface Props {
  list: List;
  currentId?: string;
  onRenamed: (conversation: Conversation) => void;
  /** Called after a click on a conversation or New chat (the phone layout closes the panel). */
  onNavigate: () => void;
}

/** The sidebar: New chat, then the conversations with rename and delete. */
export function ConversationList({ list, currentId, onRenamed, onNavigate }: Props) {
  const toast = useToast();
  const [renaming, setRenaming] = useState<Conversation | null>(null);
  const [deleting, setDeleting] = useState<Conversation | null>(null);

  return (
    <div className="conversations">
      <div className="conversations__top">
        <Link to={paths.chat} className="btn btn--primary btn--md conversations__new" onClick={onNavigate}>
          <PlusIcon size={16} />
          New chat
        </Link>
      </div>
      <nav aria-label="Conversations" className="conversations__scroll">
        {list.status === 'loading' && list.items.length === 0 && (
          <div className="conversations__status">
            <Spinner label="Loading conversations" />
          </div>
        )}
        {list.status === 'error' && (
          <div className="conversations__status">
            <Alert
              tone="danger"
              actions={
                <Button size="sm" onClick={list.reload}>
                  Retry
                </Button>
              }
            >
              {list.error}
            </Alert>
          </div>
        )}
        {list.status === 'ok' && list.items.length === 0 && (
          <p className="conversations__empty">No conversations yet. Your chats will appear here.</p>
        )}
        <ul className="conversations__list">
          {list.items.map((c) => (
            <li key={c.id} className={`conversation ${c.id === currentId ? 'conversation--current' : ''}`}>
              <Link
                to={conversationPath(c.id)}
                className="conversation__link"
                aria-current={c.id === currentId ? 'page' : undefined}
                onClick={onNavigate}
              >
                <span className="conversation__title">{c.title}</span>
                <span className="conversation__time">{formatRelative(c.updatedAt)}</span>
              </Link>
              <span className="conversation__actions">
                <IconButton
                  label={`Rename “${c.title}”`}
                  icon={<PencilIcon size={15} />}
                  onClick={() => setRenaming(c)}
                />
                <IconButton
                  label={`Delete “${c.title}”`}
                  icon={<TrashIcon size={15} />}
                  onClick={() => setDeleting(c)}
                />
              </span>
            </li>
          ))}
        </ul>
        {list.nextCursor && (
          <div className="conversations__more">
            <Button size="sm" variant="ghost" loading={list.loadingMore} onClick={() => void list.loadMore()}>
              Show older
            </Button>
          </div>
        )}
      </nav>

      <RenameDialog
        conversation={renaming}
        onClose={() => setRenaming(null)}
        onSaved={(c) => {
          setRenaming(null);
          list.replace(c);
          onRenamed(c);
          toast('Conversation renamed');
        }}
      />
      <DeleteDialog
        conversation={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(c) => {
          setDeleting(null);
          list.remove(c.id);
          if (c.id === currentId) navigate(paths.chat, { replace: true });
          toast('Conversation deleted');
        }}
      />
    </div>
  );
}

function RenameDialog({
  conversation,
  onClose,
  onSaved,
}: {
  conversation: Conversation | null;
  onClose: () => void;
  onSaved: (c: Conversation) => void;
}) {
  const [title, setTitle] = useState('');
  const [forId, setForId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  if (conversation && conversation.id !== forId) {
    setForId(conversation.id);
    setTitle(conversation.title);
    setError(null);
  }
  const save = async () => {
    if (!conversation) return;
    if (!title.trim()) return setError('Enter a title.');
    setSaving(true);
    try {
      onSaved(await conversationsApi.rename(conversation.id, title.trim()));
      setForId(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open={!!conversation}
      onClose={() => {
        setForId(null);
        onClose();
      }}
      title="Rename conversation"
      onSubmit={() => void save()}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" loading={saving}>
            Save
          </Button>
        </>
      }
    >
      <Field label="Title" error={error ?? undefined}>
        <Input autoFocus value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      </Field>
    </Dialog>
  );
}

function DeleteDialog({
  conversation,
  onClose,
  onDeleted,
}: {
  conversation: Conversation | null;
  onClose: () => void;
  onDeleted: (c: Conversation) => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const remove = async () => {
    if (!conversation) return;
    setSaving(true);
    setError(null);
    try {
      await conversationsApi.remove(conversation.id);
      onDeleted(conversation);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog
      open={!!conversation}
      onClose={() => {
        setError(null);
        onClose();
      }}
      title="Delete conversation?"
      description={
        conversation
          ? `“${conversation.title}” and all its messages will be deleted. This cannot be undone.`
          : undefined
      }
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="danger" loading={saving} onClick={() => void remove()}>
            Delete
          </Button>
        </>
      }
    >
      {error && <Alert tone="danger">{error}</Alert>}
    </Dialog>
  );
}
