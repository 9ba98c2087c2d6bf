import { createContext, useContext, type ReactNode } from 'react';
import { useAsync } from '../lib/useAsync';
import { feedbackApi, type Rating } from './api';

interface SavedRatings {
  loading: boolean;
  byMessage: ReadonlyMap<string, Rating>;
}

const NONE: SavedRatings = { loading: false, byMessage: new Map() };
const RatingsContext = createContext<SavedRatings>(NONE);

/** Loads the person's ratings of a conversation once, for every reply's thumbs (not one request per reply). */
export function ConversationRatings({
  conversationId,
  children,
}: {
  conversationId?: string;
  children: ReactNode;
}) {
  const saved = useAsync(
    (signal) =>
      conversationId
        ? feedbackApi.conversationRatings(conversationId, signal)
        : Promise.resolve(new Map<string, Rating>()),
    conversationId ?? 'new',
  );
  const value = { loading: saved.status === 'loading', byMessage: saved.data ?? NONE.byMessage };
  return <RatingsContext.Provider value={value}>{children}</RatingsContext.Provider>;
}

/** The saved rating of a reply (null when none, or when the ratings could not be loaded). */
export function useSavedRating(messageId: string): { loading: boolean; rating: Rating | null } {
  const { loading, byMessage } = useContext(RatingsContext);
  return { loading, rating: byMessage.get(messageId) ?? null };
}
