import { useId, type HTMLAttributes, type ReactNode } from 'react';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  /** Buttons shown at the right of the title. */
  actions?: ReactNode;
  /** Tables and lists that run to the card's edges. */
  flush?: boolean;
}

/** A surface for one topic; with a title it is a labelled region. */
export function Card({ title, description, actions, flush, className, children, ...rest }: CardProps) {
  const id = useId();
  return (
    <section
      className={`card ${flush ? 'card--flush' : ''} ${className ?? ''}`}
      aria-labelledby={title ? id : undefined}
      {...rest}
    >
      {(title || actions) && (
        <header className="card__header">
          <div>
            {title && (
              <h2 id={id} className="card__title">
                {title}
              </h2>
            )}
            {description && <p className="card__description">{description}</p>}
          </div>
          {actions && <div className="card__actions">{actions}</div>}
        </header>
      )}
      <div className="card__body">{children}</div>
    </section>
  );
}
