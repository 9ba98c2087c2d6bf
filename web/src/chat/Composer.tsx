import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Button, Field, IconButton, Input } from '../ui';
import { SendIcon, SlidersIcon, StopIcon } from '../ui/icons';
import { LIMITS, type ReplySettings } from './settings';

interface Props {
  value: string;
  onChange: (value: string) => void;
  onSend: (text: string) => void;
  onStop: () => void;
  /** A reply is being generated: Send turns into Stop. */
  generating: boolean;
  stopping: boolean;
  settings: ReplySettings;
  onSettings: (settings: ReplySettings) => void;
  autoFocusKey?: string;
}

/** The message box: Enter sends, Shift+Enter adds a line, Escape stops a reply being written. */
export function Composer({
  value,
  onChange,
  onSend,
  onStop,
  generating,
  stopping,
  settings,
  onSettings,
  autoFocusKey,
}: Props) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const [showSettings, setShowSettings] = useState(false);
  const id = useId();

  // Grows with its text up to a limit, then scrolls.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 220)}px`;
  }, [value]);

  // Ready to type in a newly opened conversation; not on touch screens, where focus opens the keyboard.
  useLayoutEffect(() => {
    if (window.matchMedia('(pointer: fine)').matches) ref.current?.focus();
  }, [autoFocusKey]);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (generating || !value.trim()) return;
    onSend(value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape' && generating) {
      event.preventDefault();
      onStop();
    }
  };

  return (
    <form className="composer" onSubmit={submit} aria-label="Send a message">
      {showSettings && <SettingsPanel id={`${id}-settings`} settings={settings} onChange={onSettings} />}
      <div className="composer__box">
        <label htmlFor={`${id}-input`} className="visually-hidden">
          Message
        </label>
        <textarea
          id={`${id}-input`}
          ref={ref}
          className="composer__input"
          rows={1}
          placeholder="Message the model…"
          value={value}
          maxLength={32000}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${id}-hint`}
        />
        <div className="composer__actions">
          <IconButton
            label="Reply settings"
            icon={<SlidersIcon size={16} />}
            aria-expanded={showSettings}
            aria-controls={`${id}-settings`}
            onClick={() => setShowSettings((s) => !s)}
          />
          {generating ? (
            <Button
              variant="secondary"
              size="sm"
              icon={<StopIcon size={14} />}
              onClick={onStop}
              loading={stopping}
              className="composer__stop"
            >
              Stop
            </Button>
          ) : (
            <IconButton
              type="submit"
              variant="primary"
              label="Send message"
              icon={<SendIcon size={16} />}
              disabled={!value.trim()}
            />
          )}
        </div>
      </div>
      <p id={`${id}-hint`} className="composer__hint">
        Enter to send · Shift+Enter for a new line{generating ? ' · Esc to stop' : ''}
      </p>
    </form>
  );
}

function SettingsPanel({
  id,
  settings,
  onChange,
}: {
  id: string;
  settings: ReplySettings;
  onChange: (s: ReplySettings) => void;
}) {
  const num = (text: string) => (text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text));
  return (
    <fieldset id={id} className="composer__settings">
      <legend className="visually-hidden">Reply settings</legend>
      <Field
        label="Temperature"
        hint={`${LIMITS.temperature.min}–${LIMITS.temperature.max}, higher varies more`}
      >
        <Input
          type="number"
          inputMode="decimal"
          min={LIMITS.temperature.min}
          max={LIMITS.temperature.max}
          step={LIMITS.temperature.step}
          placeholder={String(LIMITS.temperature.fallback)}
          value={settings.temperature ?? ''}
          onChange={(e) => onChange({ ...settings, temperature: num(e.target.value) })}
        />
      </Field>
      <Field label="Max tokens" hint={`Longest reply, up to ${LIMITS.maxTokens.max}`}>
        <Input
          type="number"
          inputMode="numeric"
          min={LIMITS.maxTokens.min}
          max={LIMITS.maxTokens.max}
          step={LIMITS.maxTokens.step}
          placeholder={String(LIMITS.maxTokens.fallback)}
          value={settings.maxTokens ?? ''}
          onChange={(e) => onChange({ ...settings, maxTokens: num(e.target.value) })}
        />
      </Field>
      <Field label="Seed" hint="Same seed, same reply">
        <Input
          type="number"
          inputMode="numeric"
          min={LIMITS.seed.min}
          max={LIMITS.seed.max}
          step={LIMITS.seed.step}
          placeholder="Random"
          value={settings.seed ?? ''}
          onChange={(e) => onChange({ ...settings, seed: num(e.target.value) })}
        />
      </Field>
      <Button
        size="sm"
        variant="ghost"
        onClick={() => onChange({})}
        disabled={Object.values(settings).every((v) => v === undefined)}
      >
        Reset
      </Button>
    </fieldset>
  );
}
