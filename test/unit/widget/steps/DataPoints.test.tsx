import { fireEvent, screen } from '@testing-library/preact';
import { renderAt } from './render.tsx';

describe('DataPoints', () => {
  it('summarises one line per group with its count, every field behind one disclosure', async () => {
    const { container } = await renderAt('data_points');
    const summary = [...container.querySelectorAll('.pb-summary > li')].map((li) => li.textContent);
    const details = container.querySelectorAll('details');
    const groups = [...details[0]!.querySelectorAll('section')].map((s) => [s.querySelector('h2')!.textContent, [...s.querySelectorAll('li')].map((li) => li.textContent)]);
    expect([summary, details.length, details[0]!.open, details[0]!.querySelector('summary')!.textContent, groups]).toStrictEqual([
      ['Employees2 fields', 'Absences1 field'],
      1,
      false,
      'Show every data point',
      [
        ['Employees', ['First name', 'Last name']],
        ['Absences', ['Start date']],
      ],
    ]);
  });

  it('names the tool in the title', async () => {
    await renderAt('data_points');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Data Sandbox will share');
  });

  it('continues to the instructions', async () => {
    const { flow } = await renderAt('data_points');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(flow.store.getState().step).toBe('instructions');
  });

  it('goes back to the tool picker', async () => {
    const { flow } = await renderAt('data_points');
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect(flow.store.getState().step).toBe('choose_tool');
  });

  it('has no way back when the link preselected the tool', async () => {
    await renderAt('data_points', { sessionOverrides: { preselected_tool: 'sandbox' } });
    expect([screen.queryByRole('button', { name: 'Back' }), screen.getByText('Step 1 of 3').textContent]).toStrictEqual([null, 'Step 1 of 3']);
  });
});

describe('Instructions', () => {
  it('lists the steps to obtain the credentials and links the connection guide in a new tab', async () => {
    await renderAt('instructions');
    const link = screen.getByRole('link', { name: 'Open the Sandbox connection guide (new tab)' });
    expect([screen.getAllByRole('listitem').map((li) => li.textContent), link.getAttribute('href'), link.getAttribute('target'), link.getAttribute('rel')]).toStrictEqual([
      ['Open Sandbox HR settings.', 'Create an API key.'],
      'https://docs.example.com/sandbox',
      '_blank',
      'noopener noreferrer',
    ]);
  });

  it('moves both ways', async () => {
    const { flow } = await renderAt('instructions');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    const forward = flow.store.getState().step;
    fireEvent.click(screen.getByRole('button', { name: 'Back' }));
    expect([forward, flow.store.getState().step]).toStrictEqual(['credentials', 'instructions']);
  });
});
