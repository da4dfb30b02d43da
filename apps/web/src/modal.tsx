// A modal built on the native <dialog>: Escape and the backdrop come from the browser; Tab cycles inside the dialog.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

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
    // showModal makes the page inert, but Tab past the last control would leave for the browser's own UI: wrap around.
    const trap = (event: KeyboardEvent) => {
      if (event.key !== 'Tab') return;
      const focusable = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((element) => !element.hidden && element.getClientRects().length > 0);
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (!first || !last) return;
      const active = document.activeElement;
      if (event.shiftKey && (active === first || !dialog.contains(active))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
        event.preventDefault();
        first.focus();
      }
    };
    dialog.addEventListener('close', close);
    dialog.addEventListener('keydown', trap);
    if (!dialog.open) dialog.showModal();
    return () => {
      dialog.removeEventListener('close', close);
      dialog.removeEventListener('keydown', trap);
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
