import { Button, Loading } from '../ui';
import { contestApi, type Entry } from './api';
import { EntryItem } from './EntryItem';
import { LoadError } from '../ui';
import { usePages } from './usePages';

/** The person's contest entries, newest first. */
export function EntriesList() {
  const pages = usePages<Entry>((cursor, signal) => contestApi.entries(cursor, signal));
  if (pages.status === 'error')
    return <LoadError error={pages.error} retry={pages.reload} what="your contest entries" />;
  if (pages.status === 'loading' && !pages.items.length) return <Loading label="Loading your entries" />;
  if (!pages.items.length)
    return <p className="muted">No contest entries yet. You can enter a report when you send it.</p>;
  return (
    <>
      <ul className="feedback-list" aria-label="Your contest entries">
        {pages.items.map((entry) => (
          <EntryItem
            key={entry.id}
            entry={entry}
            onChange={(next) => pages.replace((e) => e.id === next.id, next)}
          />
        ))}
      </ul>
      {pages.error !== null && <LoadError error={pages.error} retry={pages.more} what="more entries" />}
      {pages.next && (
        <Button onClick={pages.more} loading={pages.loadingMore}>
          Show more
        </Button>
      )}
    </>
  );
}
