import { type IframeMessage, isIframeMessage } from '../../../widget/protocol/messages.ts';

const valid: IframeMessage[] = [
  { type: 'close' },
  { type: 'success', data: { activation_token: 'tok' } },
  { type: 'plugboard', v: 1, event: { type: 'ready' } },
  { type: 'plugboard', v: 1, event: { type: 'step_viewed', step: 'credentials' } },
  { type: 'plugboard', v: 1, event: { type: 'tool_selected', tool: 'sandbox' } },
  { type: 'plugboard', v: 1, event: { type: 'submitted', tool: 'sandbox' } },
  { type: 'plugboard', v: 1, event: { type: 'error', code: 'link_expired', message: 'expired' } },
  { type: 'plugboard', v: 1, event: { type: 'resize', height: 512 } },
];

const invalid: [string, unknown][] = [
  ['null', null],
  ['a string', 'close'],
  ['a number', 1],
  ['an unknown type', { type: 'open' }],
  ['success without data', { type: 'success' }],
  ['success with a null data', { type: 'success', data: null }],
  ['success with a numeric token', { type: 'success', data: { activation_token: 1 } }],
  ['a plugboard event of another version', { type: 'plugboard', v: 2, event: { type: 'ready' } }],
  ['a plugboard envelope without event', { type: 'plugboard', v: 1 }],
  ['an unknown event type', { type: 'plugboard', v: 1, event: { type: 'teleport' } }],
  ['an inherited event type', { type: 'plugboard', v: 1, event: { type: 'constructor' } }],
  ['step_viewed without step', { type: 'plugboard', v: 1, event: { type: 'step_viewed' } }],
  ['tool_selected with a numeric tool', { type: 'plugboard', v: 1, event: { type: 'tool_selected', tool: 7 } }],
  ['submitted without tool', { type: 'plugboard', v: 1, event: { type: 'submitted' } }],
  ['error without message', { type: 'plugboard', v: 1, event: { type: 'error', code: 'network' } }],
  ['resize with a string height', { type: 'plugboard', v: 1, event: { type: 'resize', height: '512' } }],
  ['resize with a negative height', { type: 'plugboard', v: 1, event: { type: 'resize', height: -1 } }],
  ['resize with NaN', { type: 'plugboard', v: 1, event: { type: 'resize', height: Number.NaN } }],
];

describe('isIframeMessage', () => {
  it.each(valid.map((m) => [JSON.stringify(m), m] as const))('accepts %s', (_name, message) => {
    expect(isIframeMessage(message)).toBe(true);
  });

  it.each(invalid)('rejects %s', (_name, data) => {
    expect(isIframeMessage(data)).toBe(false);
  });
});
