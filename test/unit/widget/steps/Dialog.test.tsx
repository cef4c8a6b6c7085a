import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { setValue } from '../../../../widget/app/state/flow.ts';
import { renderAt } from './render.tsx';

const escape = () => fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });

describe('Dialog', () => {
  it('is a modal dialog named by the step title', async () => {
    await renderAt('choose_tool');
    const dialog = screen.getByRole('dialog');
    expect([dialog.getAttribute('aria-modal'), dialog.getAttribute('aria-labelledby'), screen.getByRole('dialog', { name: 'Choose your HR software' }) === dialog]).toStrictEqual([
      'true',
      'pb-title',
      true,
    ]);
  });

  it('paints its own backdrop in modal display', async () => {
    const { container } = await renderAt('choose_tool');
    expect(container.querySelector('[data-display="modal"] > .pb-backdrop')).not.toBeNull();
  });

  it('renders inline without backdrop or modal semantics', async () => {
    const { container } = await renderAt('choose_tool', { setup: { display: 'inline' } });
    expect([container.querySelector('.pb-backdrop'), screen.getByRole('dialog').getAttribute('aria-modal')]).toStrictEqual([null, null]);
  });

  it('applies the primary colour with a readable text colour', async () => {
    const { container } = await renderAt('choose_tool', { setup: { theme: { primaryColor: '#fde047', colorScheme: 'dark' } } });
    const root = container.querySelector<HTMLElement>('.pb')!;
    expect([root.style.getPropertyValue('--pb-primary'), root.style.getPropertyValue('--pb-on-primary'), root.dataset.scheme]).toStrictEqual(['#fde047', '#0b1020', 'dark']);
  });

  it('closes on Escape when nothing was typed', async () => {
    const { sent } = await renderAt('choose_tool');
    escape();
    expect(sent.at(-1)).toStrictEqual({ type: 'close' });
  });

  it('asks before closing on Escape when input was typed, and Escape again keeps editing', async () => {
    const { flow, sent } = await renderAt('credentials');
    setValue(flow, 'api_key', 'typed');
    escape();
    const confirm = await screen.findByRole('alertdialog', { name: 'Close without connecting?' });
    const focused = document.activeElement?.textContent;
    escape();
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect([focused, sent.some((m) => m.type === 'close'), confirm.isConnected]).toStrictEqual(['Keep editing', false, false]);
  });

  it('closes after confirming', async () => {
    const { flow, sent } = await renderAt('credentials');
    setValue(flow, 'api_key', 'typed');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    const confirm = await screen.findByRole('alertdialog');
    fireEvent.click(within(confirm).getByRole('button', { name: 'Close' }));
    expect(sent.at(-1)).toStrictEqual({ type: 'close' });
  });

  it('keeps Tab inside the dialog', async () => {
    await renderAt('data_points');
    const dialog = screen.getByRole('dialog');
    const continueButton = screen.getByRole('button', { name: 'Continue' });
    continueButton.focus();
    fireEvent.keyDown(continueButton, { key: 'Tab' });
    const afterLast = document.activeElement;
    fireEvent.keyDown(afterLast!, { key: 'Tab', shiftKey: true });
    expect([afterLast === screen.getByRole('button', { name: 'Close' }), document.activeElement === continueButton, dialog.contains(afterLast)]).toStrictEqual([
      true,
      true,
      true,
    ]);
  });

  it('moves focus to the new step’s title', async () => {
    await renderAt('choose_tool');
    fireEvent.click(screen.getByRole('button', { name: 'Sandbox' }));
    await waitFor(() => expect(document.activeElement?.id).toBe('pb-title'));
  });

  it('shows the progress through the steps', async () => {
    await renderAt('instructions');
    expect(screen.getByText('Step 3 of 4')).toBeTruthy();
  });
});
