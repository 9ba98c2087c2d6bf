import { useSyncExternalStore } from 'react';

/** Light and dark: follows the system unless the person picks one, remembered on this device. */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const KEY = 'rlhf.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

let choice: ThemeChoice = readChoice();

export function effectiveTheme(): Theme {
  return choice === 'system' ? (media.matches ? 'dark' : 'light') : choice;
}

/** Sets `data-theme` on <html>: ui/theme.css fixes color-scheme by it, and its colours follow. */
function apply(): void {
  document.documentElement.dataset.theme = effectiveTheme();
  for (const listener of listeners) listener();
}

export function initTheme(): void {
  apply();
  media.addEventListener('change', () => choice === 'system' && apply());
}

export function setThemeChoice(next: ThemeChoice): void {
  choice = next;
  try {
    if (next === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, next);
  } catch {
    // Private mode without storage: the choice lasts until the page closes.
  }
  apply();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): { choice: ThemeChoice; theme: Theme } {
  const current = useSyncExternalStore(subscribe, () => `${choice}:${effectiveTheme()}`);
  const [c, t] = current.split(':') as [ThemeChoice, Theme];
  return { choice: c, theme: t };
}
