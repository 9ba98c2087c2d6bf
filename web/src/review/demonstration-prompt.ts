import type { PromptMessage } from './api';

/** Hands a conversation from the ranking page to the demonstration page (this tab only). */
const KEY = 'review:demonstration-prompt';

export function rememberPrompt(prompt: PromptMessage[]): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(prompt));
  } catch {
    // Storage unavailable: the demonstration page starts empty.
  }
}

/** Reads the handed-over conversation; it stays until clearPrompt() (a render may be discarded and redone). */
export function readPrompt(): PromptMessage[] | null {
  try {
    const text = sessionStorage.getItem(KEY);
    const value: unknown = text ? JSON.parse(text) : null;
    return Array.isArray(value) ? (value as PromptMessage[]) : null;
  } catch {
    return null;
  }
}

export function clearPrompt(): void {
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
