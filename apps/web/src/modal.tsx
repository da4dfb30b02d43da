// A modal built on the native <dialog>: focus trapping, Escape and the backdrop come from the browser.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface ModalProps {
  label: string;
  onClose: () => void;
  className?: string;
  children: ComponentChildren;
}

export function Modal({ label, onClose, className, children }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current!;
    const opener = document.activeElement as HTMLElement | null;
    const close = () => closeRef.current();
    dialog.addEventListener('close', close);
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.removeEventListener('close', close);
      if (dialog.open) dialog.close();
      // Give focus back to what opened the dialog (a citation, a button).
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  return (
    <dialog ref={ref} class={`modal ${className ?? ''}`} aria-label={label}>
      {children}
    </dialog>
  );
}
