import { useCallback, useState } from 'react';
import type { Sampling } from './api';

/** Reply settings a person may change (the server's defaults apply to what they leave empty). */
export interface ReplySettings {
  temperature?: number;
  maxTokens?: number;
  /** The same seed (and settings) gives the same reply: useful to reproduce one. */
  seed?: number;
}

export const LIMITS = {
  temperature: { min: 0, max: 2, step: 0.1, fallback: 0.8 },
  maxTokens: { min: 1, max: 2048, step: 1, fallback: 128 },
  seed: { min: 0, max: 2 ** 32 - 1, step: 1 },
} as const;

const KEY = 'rlhf.replySettings';

function read(): ReplySettings {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '{}') as ReplySettings;
    return {
      temperature: typeof value.temperature === 'number' ? value.temperature : undefined,
      maxTokens: typeof value.maxTokens === 'number' ? value.maxTokens : undefined,
      seed: typeof value.seed === 'number' ? value.seed : undefined,
    };
  } catch {
    return {};
  }
}

export function clamp(value: number, { min, max }: { min: number; max: number }): number {
  return Math.min(max, Math.max(min, value));
}

/** Kept on this device, so they hold across conversations and reloads. */
export function useReplySettings() {
  const [settings, setSettings] = useState<ReplySettings>(read);
  const update = useCallback((next: ReplySettings) => {
    setSettings(next);
    try {
      localStorage.setItem(KEY, JSON.stringify(next));
    } catch {
      // No storage (private mode): the settings last for this page.
    }
  }, []);
  const sampling = useCallback((): Sampling | undefined => {
    const result: Sampling = {};
    if (settings.temperature !== undefined)
      result.temperature = clamp(settings.temperature, LIMITS.temperature);
    if (settings.maxTokens !== undefined)
      result.maxTokens = Math.round(clamp(settings.maxTokens, LIMITS.maxTokens));
    if (settings.seed !== undefined) result.seed = Math.round(clamp(settings.seed, LIMITS.seed));
    return Object.keys(result).length ? result : undefined;
  }, [settings]);
  return { settings, update, sampling };
}
