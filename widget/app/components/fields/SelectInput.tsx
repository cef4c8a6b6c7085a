import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { useFloating } from '../../lib/use-floating.ts';
import { useT } from '../../state/use-flow.ts';
import { Icon } from '../Icon.tsx';
import type { ControlProps } from './TextInput.tsx';

/** Typeahead forgets what was typed after this pause (ms), like a native select. */
const TYPEAHEAD_RESET_MS = 700;

/**
 * A select-only combobox with a floating listbox (WAI-ARIA APG pattern). Focus stays on the combobox;
 * `aria-activedescendant` names the highlighted option. Keys: ArrowDown/ArrowUp (Alt to open/commit),
 * Home/End, PageUp/PageDown, Enter/Space, Escape, Tab (commits), and typing to jump to an option.
 * Optional fields get a "None" option to clear the value.
 */
export function SelectInput({ id, labelId, field, value, onChange, describedBy, invalid }: ControlProps) {
  const t = useT();
  const options = [...(field.required ? [] : [{ value: '', label: t('noneOption') }]), ...(field.options ?? [])];
  const selected = options.findIndex((o) => o.value === value);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(Math.max(0, selected));
  const combobox = useRef<HTMLDivElement>(null);
  const listbox = useRef<HTMLUListElement>(null);
  const typed = useRef({ text: '', at: 0 });
  useFloating(combobox, listbox, open, { matchWidth: true });

  const optionId = (i: number) => `${id}-option-${i}`;
  const last = options.length - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  const show = (i: number) => {
    setActive(clamp(i));
    setOpen(true);
  };
  const commit = (i: number) => {
    const option = options[i];
    if (option) onChange(option.value);
    setOpen(false);
  };

  useLayoutEffect(() => {
    if (open) listbox.current?.querySelector(`#${CSS.escape(optionId(active))}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  function jumpTo(char: string, timeStamp: number) {
    const state = typed.current;
    state.text = (timeStamp - state.at > TYPEAHEAD_RESET_MS ? '' : state.text) + char.toLowerCase();
    state.at = timeStamp;
    const from = open ? active : Math.max(0, selected);
    const order = [...options.keys()].map((k) => (k + from + (state.text.length === 1 ? 1 : 0)) % options.length);
    const match = order.find((i) => options[i]!.label.toLowerCase().startsWith(state.text));
    if (match === undefined) return;
    if (open) setActive(match);
    else onChange(options[match]!.value);
  }

  function onKeyDown(e: KeyboardEvent) {
    const start = Math.max(0, selected);
    const keys: Record<string, () => void> = {
      ArrowDown: () => (!open ? show(start) : e.altKey ? undefined : setActive(clamp(active + 1))),
      ArrowUp: () => (!open ? show(start) : e.altKey ? commit(active) : setActive(clamp(active - 1))),
      Home: () => show(0),
      End: () => show(last),
      PageDown: () => open && setActive(clamp(active + 10)),
      PageUp: () => open && setActive(clamp(active - 10)),
      Enter: () => (open ? commit(active) : show(start)),
      ' ': () => (open ? commit(active) : show(start)),
      Escape: () => {
        // Closing the list must not close the dialog.
        e.stopPropagation();
        setOpen(false);
      },
    };
    const action = keys[e.key];
    if (e.key === 'Escape' && !open) return;
    if (e.key === 'Tab') {
      if (open) commit(active);
      return;
    }
    if (action) {
      e.preventDefault();
      action();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      jumpTo(e.key, e.timeStamp);
    }
  }

  return (
    <div class="pb-select">
      <div
        ref={combobox}
        id={id}
        class="pb-input pb-combobox"
        role="combobox"
        tabIndex={0}
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={`${id}-listbox`}
        aria-activedescendant={open ? optionId(active) : undefined}
        aria-required={field.required}
        aria-invalid={invalid}
        onClick={() => (open ? setOpen(false) : show(Math.max(0, selected)))}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      >
        <span class={selected < 0 ? 'pb-placeholder' : undefined}>{options[selected]?.label ?? t('choose')}</span>
        <Icon name="chevron" />
      </div>
      <ul ref={listbox} id={`${id}-listbox`} class="pb-listbox pb-floating" role="listbox" aria-labelledby={labelId} tabIndex={-1} hidden={!open}>
        {options.map((option, i) => (
          <li
            key={option.value}
            id={optionId(i)}
            role="option"
            aria-selected={i === selected}
            class={i === active ? 'pb-option is-active' : 'pb-option'}
            // Keep focus on the combobox so its blur does not close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => active !== i && setActive(i)}
            onClick={() => commit(i)}
          >
            {option.label}
            {i === selected && <Icon name="check" size={16} />}
          </li>
        ))}
      </ul>
    </div>
  );
}
