import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { IconButton } from './Button';
import { AlertIcon, CheckIcon, CloseIcon, InfoIcon } from './icons';

export type ToastTone = 'success' | 'info' | 'danger';

interface ToastItem {
  id: number;
  tone: ToastTone;
  message: string;
}

type Notify = (message: string, tone?: ToastTone) => void;

const ToastContext = createContext<Notify>(() => undefined);

/** `const toast = useToast(); toast('Saved', 'success')`: a short note that goes away by itself. */
export function useToast(): Notify {
  return useContext(ToastContext);
}

const DURATION_MS = { success: 4000, info: 5000, danger: 8000 } as const;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback<Notify>(
    (message, tone = 'success') => {
      const id = nextId.current++;
      setItems((list) => [...list.slice(-3), { id, tone, message }]);
      window.setTimeout(() => dismiss(id), DURATION_MS[tone]);
    },
    [dismiss],
  );
  const value = useMemo(() => notify, [notify]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      {/* Always in the page, so screen readers announce what is added to it. */}
      <div className="toasts" role="region" aria-label="Notifications">
        <div aria-live="polite" aria-relevant="additions">
          {items
            .filter((t) => t.tone !== 'danger')
            .map((t) => (
              <Toast key={t.id} item={t} onDismiss={dismiss} />
            ))}
        </div>
        <div aria-live="assertive" aria-relevant="additions">
          {items
            .filter((t) => t.tone === 'danger')
            .map((t) => (
              <Toast key={t.id} item={t} onDismiss={dismiss} />
            ))}
        </div>
      </div>
    </ToastContext.Provider>
  );
}

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const Icon = item.tone === 'success' ? CheckIcon : item.tone === 'info' ? InfoIcon : AlertIcon;
  return (
    <div className={`toast toast--${item.tone}`}>
      <Icon className="toast__icon" />
      <p className="toast__message">{item.message}</p>
      <IconButton label="Dismiss notification" icon={<CloseIcon />} onClick={() => onDismiss(item.id)} />
    </div>
  );
}
