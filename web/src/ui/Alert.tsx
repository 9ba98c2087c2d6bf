import type { ReactNode } from 'react';
import type { Tone } from './Badge';
import { AlertIcon, CheckIcon, InfoIcon } from './icons';

export interface AlertProps {
  tone?: Exclude<Tone, 'neutral' | 'accent'>;
  title?: ReactNode;
  children?: ReactNode;
  /** Buttons, e.g. Retry. */
  actions?: ReactNode;
  className?: string;
}

/**
 * A message in the page. Errors are announced at once (role="alert"); the rest politely (role="status").
 */
export function Alert({ tone = 'info', title, children, actions, className }: AlertProps) {
  const Icon = tone === 'success' ? CheckIcon : tone === 'info' ? InfoIcon : AlertIcon;
  return (
    <div className={`alert alert--${tone} ${className ?? ''}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <Icon className="alert__icon" />
      <div className="alert__content">
        {title && <p className="alert__title">{title}</p>}
        {children && <div className="alert__text">{children}</div>}
      </div>
      {actions && <div className="alert__actions">{actions}</div>}
    </div>
  );
}
