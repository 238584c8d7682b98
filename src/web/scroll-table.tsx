import type { ComponentChildren } from 'preact';

/** A table that may scroll sideways on a phone: a named region reachable by keyboard, so it can be scrolled too. */
export function ScrollTable({
  label,
  class: className,
  children,
}: {
  label: string;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="table-wrap" aria-label={label} tabIndex={0}>
      <table class={className}>{children}</table>
    </section>
  );
}
