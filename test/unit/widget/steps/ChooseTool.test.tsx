import { fireEvent, screen } from '@testing-library/preact';
import { eventsOf, sandboxTool } from '../fixtures.ts';
import { renderAt } from './render.tsx';

const toolNames = () => screen.queryAllByRole('button', { name: /Sandbox|Personio|Lucca/ }).map((b) => b.textContent);

describe('ChooseTool', () => {
  it('titles the step with the link’s category and names the customer', async () => {
    await renderAt('choose_tool', { sessionOverrides: { category: 'ATS' } });
    expect([screen.getByRole('heading', { level: 1 }).textContent, screen.getByText('Connect it for Acme GmbH.') !== null]).toStrictEqual([
      'Choose your applicant tracking system',
      true,
    ]);
  });

  it('lists every tool of the session with its logo', async () => {
    const { container } = await renderAt('choose_tool');
    expect([toolNames(), container.querySelectorAll('.pb-tool img').length]).toStrictEqual([['Sandbox', 'Personio', 'Lucca Ré'], 3]);
  });

  it('shows the popular tools first under their own heading, then all others, and a flat list while searching', async () => {
    const tools = [sandboxTool({ id: 'personio', label: 'Personio', popular: true }), sandboxTool(), sandboxTool({ id: 'lucca', label: 'Lucca Ré' })];
    await renderAt('choose_tool', { sessionOverrides: { tools } });
    const lists = () => screen.getAllByRole('list').map((l) => [l.getAttribute('aria-labelledby') && document.getElementById(l.getAttribute('aria-labelledby')!)!.textContent, l.querySelectorAll('button').length]);
    const grouped = lists();
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search tools' }), { target: { value: 'o' } });
    expect([grouped, lists()]).toStrictEqual([
      [
        ['Popular', 1],
        ['All tools', 2],
      ],
      [[null, 2]],
    ]);
  });

  it('offers “Don’t see your tool?” with the vendor’s link only when one is configured', async () => {
    await renderAt('choose_tool', { sessionOverrides: { missing_tool_url: 'mailto:tools@acme.test' } });
    const link = screen.getByRole('link', { name: 'Tell the app you came from which one you use' });
    const shown = [link.closest('p')!.textContent, link.getAttribute('href')];
    const { container } = await renderAt('choose_tool');
    expect([shown, container.querySelector('.pb-missing')]).toStrictEqual([['Don’t see your tool? Tell the app you came from which one you use', 'mailto:tools@acme.test'], null]);
  });

  it('filters live as the customer types, ignoring case and accents', async () => {
    await renderAt('choose_tool');
    fireEvent.input(screen.getByRole('searchbox', { name: 'Search tools' }), { target: { value: 'lucca re' } });
    expect([toolNames(), screen.getByRole('status').textContent]).toStrictEqual([['Lucca Ré'], '1 tool shown']);
  });

  it('says so when nothing matches', async () => {
    await renderAt('choose_tool');
    fireEvent.input(screen.getByRole('searchbox'), { target: { value: 'workday' } });
    expect(screen.getByText(/No tool matches “workday”/)).toBeTruthy();
  });

  it('focuses the search field first', async () => {
    await renderAt('choose_tool');
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
  });

  it('selects a tool on click and moves to its data points', async () => {
    const { flow, sent } = await renderAt('choose_tool');
    fireEvent.click(screen.getByRole('button', { name: 'Sandbox' }));
    expect([flow.store.getState().step, eventsOf(sent).at(-2)]).toStrictEqual(['data_points', { type: 'tool_selected', tool: 'sandbox' }]);
  });

  it('offers Continue once a tool was chosen (coming back)', async () => {
    const { flow } = await renderAt('data_points');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(flow.store.getState().step).toBe('data_points');
  });
});
