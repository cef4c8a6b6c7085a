import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { renderAt } from './render.tsx';

const textbox = (name: string) => screen.getByRole('textbox', { name }) as HTMLInputElement;
const secret = () => screen.getByLabelText(/^API key/, { selector: 'input' });
const combobox = (name: string) => screen.getByRole('combobox', { name });
const key = (el: Element, k: string, init: KeyboardEventInit = {}) => fireEvent.keyDown(el, { key: k, ...init });

beforeEach(() => {
  localStorage.clear();
});

describe('Credentials form', () => {
  it('builds one labelled control per field of the tool’s schema', async () => {
    await renderAt('credentials');
    const controls = [
      textbox('Company subdomain').id,
      (secret() as HTMLInputElement).type,
      combobox('Company size').textContent,
      textbox('Seed (optional)').id,
      combobox('Region (optional)').textContent,
    ];
    expect(controls).toStrictEqual(['pb-field-company_subdomain', 'password', '250 employees', 'pb-field-seed', 'None']);
  });

  it('shows the subdomain’s affixes inline and reads them with the field', async () => {
    await renderAt('credentials');
    const input = textbox('Company subdomain');
    const described = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!.textContent);
    expect(described).toStrictEqual(['https://', '.sandbox-hr.test', 'The first part of your address.']);
  });

  it('saves each input as it is typed', async () => {
    const { flow } = await renderAt('credentials');
    fireEvent.input(textbox('Company subdomain'), { target: { value: 'acme' } });
    expect([flow.store.getState().values.company_subdomain, localStorage.getItem('plugboard:v1:sandbox:company_subdomain')]).toStrictEqual(['acme', 'acme']);
  });

  it('restores saved input when the form opens again', async () => {
    localStorage.setItem('plugboard:v1:sandbox:seed', 'demo-1');
    await renderAt('credentials');
    expect(textbox('Seed (optional)').value).toBe('demo-1');
  });
});

describe('secret field', () => {
  it('shows and hides the value with a pressed-state toggle', async () => {
    await renderAt('credentials');
    const toggle = screen.getByRole('button', { name: 'Show API key' });
    fireEvent.click(toggle);
    const shown = [(secret() as HTMLInputElement).type, toggle.getAttribute('aria-pressed')];
    fireEvent.click(toggle);
    const hidden = [(secret() as HTMLInputElement).type, toggle.getAttribute('aria-pressed')];
    expect([shown, hidden]).toStrictEqual([
      ['text', 'true'],
      ['password', 'false'],
    ]);
  });
});

describe('select field (listbox)', () => {
  it('opens with ArrowDown on the selected option and picks with Enter', async () => {
    const { flow } = await renderAt('credentials');
    const box = combobox('Company size');
    box.focus();
    key(box, 'ArrowDown');
    const opened = [box.getAttribute('aria-expanded'), document.getElementById(box.getAttribute('aria-activedescendant')!)!.textContent];
    key(box, 'ArrowDown');
    key(box, 'Enter');
    expect([opened, box.getAttribute('aria-expanded'), flow.store.getState().values.company_size]).toStrictEqual([['true', '250 employees'], 'false', '1000']);
  });

  it('moves with Home and End and closes with Escape without choosing', async () => {
    const { flow } = await renderAt('credentials');
    const box = combobox('Company size');
    key(box, 'End');
    const last = document.getElementById(box.getAttribute('aria-activedescendant')!)!.textContent;
    key(box, 'Home');
    const first = document.getElementById(box.getAttribute('aria-activedescendant')!)!.textContent;
    key(box, 'Escape');
    expect([last, first, box.getAttribute('aria-expanded'), flow.store.getState().values.company_size]).toStrictEqual([
      '1,000 employees',
      '50 employees',
      'false',
      '250',
    ]);
  });

  it('keeps the dialog open when Escape closes the list', async () => {
    const { sent } = await renderAt('credentials');
    const box = combobox('Company size');
    key(box, 'ArrowDown');
    key(box, 'Escape');
    expect(sent.some((m) => m.type === 'close')).toBe(false);
  });

  it('jumps to an option by typing its first letters', async () => {
    const { flow } = await renderAt('credentials');
    key(combobox('Region (optional)'), 'u');
    expect(flow.store.getState().values.region).toBe('us');
  });

  it('commits the highlighted option on Tab', async () => {
    const { flow } = await renderAt('credentials');
    const box = combobox('Region (optional)');
    key(box, 'ArrowDown');
    key(box, 'ArrowDown');
    key(box, 'Tab');
    expect(flow.store.getState().values.region).toBe('eu');
  });

  it('picks an option by click and offers None for an optional field', async () => {
    const { flow } = await renderAt('credentials');
    fireEvent.click(combobox('Region (optional)'));
    const names = screen.getAllByRole('option').map((o) => o.textContent);
    fireEvent.click(screen.getByRole('option', { name: 'United States' }));
    expect([names, flow.store.getState().values.region]).toStrictEqual([['None', 'Europe', 'United States'], 'us']);
  });

  it('marks the selected option', async () => {
    await renderAt('credentials');
    fireEvent.click(combobox('Company size'));
    expect(screen.getAllByRole('option', { selected: true }).map((o) => o.textContent)).toStrictEqual(['250 employees']);
  });
});

describe('help tooltip', () => {
  it('shows on focus, positioned by floating-ui, and hides on Escape', async () => {
    await renderAt('credentials');
    const help = screen.getByRole('button', { name: 'Help for API key' });
    fireEvent.focus(help);
    const tip = document.getElementById(help.getAttribute('aria-describedby')!)!;
    await waitFor(() => expect(tip.hasAttribute('data-placed')).toBe(true));
    const shown = [tip.hidden, tip.getAttribute('role'), tip.textContent];
    key(help, 'Escape');
    expect([shown, tip.hidden]).toStrictEqual([[false, 'tooltip', 'Any value connects.'], true]);
  });

  it('opens on click and stays open on a second click (clicking never hides the help)', async () => {
    await renderAt('credentials');
    const help = screen.getByRole('button', { name: 'Help for API key' });
    const tip = document.getElementById(help.getAttribute('aria-describedby')!)!;
    fireEvent.click(help);
    const afterFirst = tip.hidden;
    fireEvent.click(help);
    expect([afterFirst, tip.hidden]).toStrictEqual([false, false]);
  });
});

describe('errors', () => {
  it('marks empty required fields, announces the problem and focuses the first field to fix', async () => {
    await renderAt('credentials');
    fireEvent.submit(screen.getByRole('button', { name: 'Connect' }).closest('form')!);
    await waitFor(() => expect(document.activeElement).toBe(textbox('Company subdomain')));
    const input = textbox('Company subdomain');
    const error = document.getElementById(input.getAttribute('aria-describedby')!.split(' ').at(-1)!)!.textContent;
    expect([screen.getByRole('alert').textContent, input.getAttribute('aria-invalid'), error]).toStrictEqual([
      'Fix the marked fields, then connect again.',
      'true',
      'Enter Company subdomain.',
    ]);
  });

  it('shows the tool’s answer next to the field and keeps the input', async () => {
    const { api } = await renderAt('credentials');
    api.connects.push({ ok: true, outcome: { outcome: 'invalid_credentials', message: 'The API key was rejected.', field_errors: { api_key: 'Unknown key.' } } });
    fireEvent.input(textbox('Company subdomain'), { target: { value: 'acme' } });
    fireEvent.input(secret(), { target: { value: 'invalid' } });
    fireEvent.submit(screen.getByRole('button', { name: 'Connect' }).closest('form')!);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The API key was rejected.'));
    expect([screen.getByText('Unknown key.').id, textbox('Company subdomain').value]).toStrictEqual(['pb-field-api_key-error', 'acme']);
  });
});
