/** The event-type checkboxes of an endpoint form: none checked means every type. */
export function EventTypes(props: { idPrefix: string; types: string[]; checked: string[] }) {
  return (
    <fieldset class="event-types">
      <legend>Event types (none checked: every type)</legend>
      {props.types.map((t) => (
        <label key={t} for={`${props.idPrefix}-${t}`}>
          <input id={`${props.idPrefix}-${t}`} type="checkbox" name="event_types" value={t} checked={props.checked.includes(t)} /> {t}
        </label>
      ))}
    </fieldset>
  );
}

/** The checked event types of a submitted form. */
export const checkedTypes = (data: FormData): string[] => data.getAll('event_types').map(String);
