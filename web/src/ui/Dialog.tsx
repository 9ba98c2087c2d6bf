import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { IconButton } from './Button';
import { CloseIcon } from './icons';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: ReactNode;
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons at the bottom; with onSubmit, a submit button there submits the dialog's form. */
  footer?: ReactNode;
  onSubmit?: () => void;
  size?: 'sm' | 'md';
}

/**
 * A modal on the native <dialog>: focus moves in and is kept there, Escape and the backdrop close it,
 * the page behind is inert, and focus returns to where it was.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  footer,
  onSubmit,
  size = 'sm',
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit?.();
  };

  const body = (
    <>
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <IconButton label="Close" icon={<CloseIcon />} onClick={onClose} />
      </header>
      {description && (
        <p id={descriptionId} className="dialog__description">
          {description}
        </p>
      )}
      {children && <div className="dialog__body">{children}</div>}
      {footer && <footer className="dialog__footer">{footer}</footer>}
    </>
  );

  return (
    <dialog
      ref={ref}
      className={`dialog dialog--${size}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === ref.current) onClose(); // a click on the backdrop
      }}
    >
      {open &&
        (onSubmit ? (
          <form className="dialog__content" onSubmit={submit} noValidate>
            {body}
          </form>
        ) : (
          <div className="dialog__content">{body}</div>
        ))}
    </dialog>
  );
}
